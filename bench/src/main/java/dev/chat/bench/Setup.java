package dev.chat.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import dev.chat.bench.GatewayClient.User;

/** The unmeasured preparation shared by both modes: users, conversations, sockets; bounded parallelism. */
final class Setup {

    private Setup() {
    }

    static String username(String runId, int index) {
        return "b" + runId + "u" + index;
    }

    static String password(String runId) {
        return "Bench-" + runId + "-pw-2026!";
    }

    static List<User> users(GatewayClient gateway, BenchOptions options, int count) {
        // The first one alone: a refused registration is reported once, clearly, before N requests pile up.
        User first = gateway.registerAndLogin(0, username(options.runId(), 0), password(options.runId()), "Bench user 0");
        List<User> rest = parallel("register + log in the other users", count - 1, options.setupConcurrency(),
                i -> gateway.registerAndLogin(i + 1, username(options.runId(), i + 1), password(options.runId()),
                        "Bench user " + (i + 1)));
        List<User> all = new ArrayList<>(count);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    /**
     * Conversations of {@code size} consecutive users; the first one creates it. Returns the tracker's view:
     * member positions with the creator at 0.
     */
    static List<DeliveryTracker.Conversation> conversations(GatewayClient gateway, BenchOptions options,
                                                            List<User> users, int size, int count) {
        boolean direct = !options.mode().equals("group"); // dm and overload
        return parallel("create " + count + (direct ? " direct" : " group")
                        + " conversations", count, options.setupConcurrency(), c -> {
            List<User> members = users.subList(c * size, c * size + size);
            String id = direct
                    ? gateway.createDirect(members.get(0), members.get(1))
                    : gateway.createGroup(members.get(0), "bench " + options.runId() + " #" + c, members.subList(1, size));
            return new DeliveryTracker.Conversation(id, members.stream().mapToInt(User::index).toArray());
        });
    }

    /** Every member must be able to post before the clock starts; probing the last member of each suffices. */
    static void awaitMembership(GatewayClient gateway, BenchOptions options, List<User> users,
                                List<DeliveryTracker.Conversation> conversations) {
        long deadline = System.nanoTime() + options.setupTimeout().toNanos();
        parallel("wait for message-service membership", conversations.size(), options.setupConcurrency(), c -> {
            DeliveryTracker.Conversation conversation = conversations.get(c);
            int[] members = conversation.members();
            gateway.awaitMembership(users.get(members[members.length - 1]), conversation.id(), deadline);
            return null;
        });
    }

    /** Opens one socket per entry of {@code owners}; fails on the first refusal. */
    /** The run's timer thread, already pinging every open socket each {@code interval} (none when 0). */
    static ScheduledExecutorService timersPinging(List<ChatSocket> sockets, Duration interval) {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-timers");
            t.setDaemon(true);
            return t;
        });
        if (!interval.isZero()) {
            long every = interval.toMillis();
            timers.scheduleAtFixedRate(() -> sockets.forEach(s -> {
                if (s.isOpen()) {
                    s.ping();
                }
            }), every, every, TimeUnit.MILLISECONDS);
        }
        return timers;
    }

    /** HTTP/1.1, so concurrent sends go out on connections of their own, as independent clients' would. */
    static HttpClient sendClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
    }

    static List<ChatSocket> sockets(HttpClient http, BenchOptions options, List<User> owners,
                                    DeliveryTracker tracker, ChatSocket.Stats stats) {
        return sockets(http, options, owners, tracker, null, stats);
    }

    /** @param mix null without --mix */
    static List<ChatSocket> sockets(HttpClient http, BenchOptions options, List<User> owners,
                                    DeliveryTracker tracker, MixTracker mix, ChatSocket.Stats stats) {
        return parallel("open + authenticate WebSockets", owners.size(), options.setupConcurrency() * 4,
                i -> ChatSocket.connect(http, options.webSocketUri(), owners.get(i), tracker, mix, stats,
                        options.setupTimeout()).join());
    }

    /**
     * Runs {@code task(0..count-1)} on virtual threads, at most {@code concurrency} at a time; results in
     * index order. After the first failure the remaining tasks are skipped and that failure is rethrown.
     */
    static <T> List<T> parallel(String what, int count, int concurrency, IntFunction<T> task) {
        long start = System.nanoTime();
        Semaphore permits = new Semaphore(concurrency);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        AtomicInteger done = new AtomicInteger();
        int step = Math.max(1, count / 5);
        List<Future<T>> futures = new ArrayList<>(count);
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(executor.submit(() -> {
                    permits.acquire();
                    try {
                        if (failure.get() != null) {
                            return null;
                        }
                        T result = task.apply(index);
                        int finished = done.incrementAndGet();
                        if (count >= 50 && finished % step == 0 && finished < count) {
                            System.out.printf("  %s: %d/%d%n", what, finished, count);
                        }
                        return result;
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, unwrap(e));
                        throw e;
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        List<T> results = new ArrayList<>(count);
        for (Future<T> future : futures) {
            try {
                results.add(future.get());
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? unwrap(r) : new SetupException(what + ": " + e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SetupException("interrupted: " + what);
            }
        }
        if (count > 0) {
            System.out.printf("%s: %d in %.1f s%n", what, count, (System.nanoTime() - start) / 1e9);
        }
        return results;
    }

    private static RuntimeException unwrap(RuntimeException e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() instanceof RuntimeException r ? r : e;
    }
}
