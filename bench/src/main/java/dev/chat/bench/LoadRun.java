package dev.chat.bench;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import dev.chat.bench.GatewayClient.User;
import dev.chat.bench.OperationMix.Kind;

/**
 * The load mode: setup, then an open-loop schedule of sends (message i is due at t0 + i/rate whatever happened
 * to message i-1), then a drain, then the report. Every latency is measured from the scheduled time, so a
 * stalled server or a full connection pool shows up in the figures instead of silently slowing the load
 * (coordinated omission). With --mix, reactions, read-cursor moves and edits run on the same clock
 * ({@link MixSchedule}, {@link MixOperations}).
 */
final class LoadRun {

    private static final long LATE_NANOS = 10_000_000L;
    private static final long HIGHEST_MICROS = 3_600_000_000L;
    private static final int WARMUP = 0;
    private static final int MEASURED = 1;

    private final BenchOptions options;

    private final LatencyHistogram deliveryMicros = new LatencyHistogram(HIGHEST_MICROS);
    private final LatencyHistogram sendMicros = new LatencyHistogram(HIGHEST_MICROS);
    private final LatencyHistogram serviceMicros = new LatencyHistogram(HIGHEST_MICROS);
    private final LatencyHistogram lagMicros = new LatencyHistogram(HIGHEST_MICROS);
    private final AtomicLongArray statuses = new AtomicLongArray(2 * 600);
    private final List<ConcurrentHashMap<String, LongAdder>> sendErrors =
            List.of(new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    private final ConcurrentLinkedQueue<String> errorSamples = new ConcurrentLinkedQueue<>();
    private final LongAdder lateSends = new LongAdder();
    private final LongAdder concurrencyWaits = new LongAdder();
    private volatile int scheduledSoFar;

    LoadRun(BenchOptions options) {
        this.options = options;
    }

    int run() {
        boolean dm = options.mode().equals("dm");
        int size = dm ? 2 : options.groupSize();
        int conversationCount = options.users() / size;
        int userCount = conversationCount * size;
        System.out.printf(Locale.ROOT, "chat bench %s: run %s, %d users in %d conversations of %d, %s msg/s, "
                        + "warm-up %s, measured %s, drain %s, concurrency %d%n",
                options.mode(), options.runId(), userCount, conversationCount, size, fmt(options.rate()),
                seconds(options.warmup()), seconds(options.duration()), seconds(options.drain()), options.concurrency());
        if (userCount < options.users()) {
            System.out.printf("note: %d users fit %d whole conversations; the other %d are not created%n",
                    userCount, conversationCount, options.users() - userCount);
        }

        GatewayClient gateway = new GatewayClient(options.url(), options.requestTimeout());
        gateway.preflight();
        long setupStart = System.nanoTime();
        List<User> users = Setup.users(gateway, options, userCount);
        List<DeliveryTracker.Conversation> conversations = Setup.conversations(gateway, options, users, size, conversationCount);
        Setup.awaitMembership(gateway, options, users, conversations);

        int total = (int) options.totalMessages();
        int warmup = options.warmupMessages();
        String[] userIds = users.stream().map(User::userId).toArray(String[]::new);
        DeliveryTracker tracker = new DeliveryTracker(conversations, userIds,
                new ClientMessageIds(new SplittableRandom().nextLong()), total, warmup, deliveryMicros);
        MixSchedule plan = new MixSchedule(total, warmup, options.rate(), options.mix());
        boolean mixing = !options.mix().isNone();
        MixTracker mix = mixing ? new MixTracker(conversations, userIds) : null;
        MixOperations operations = mixing ? new MixOperations(mix, options.url().toString(), options.runId(),
                options.requestTimeout(), options.seed(), users.stream().map(User::bearer).toArray(String[]::new),
                Setup.sendClient(), options.mixConcurrency()) : null;

        HttpClient socketClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ChatSocket.Stats socketStats = new ChatSocket.Stats();
        List<ChatSocket> sockets = Setup.sockets(socketClient, options, users, tracker, mix, socketStats);
        System.out.printf(Locale.ROOT, "setup done in %.1f s: %d sockets welcomed%n",
                (System.nanoTime() - setupStart) / 1e9, sockets.size());

        ScheduledExecutorService timers = Setup.timersPinging(sockets, options.pingInterval());
        HttpClient sendClient = Setup.sendClient();
        Semaphore inFlight = new Semaphore(options.concurrency());
        double intervalNanos = 1e9 / options.rate();
        long t0 = System.nanoTime() + 100_000_000L;
        long windowStart = t0 + Math.round(warmup * intervalNanos);
        long windowEnd = t0 + Math.round(total * intervalNanos);
        tracker.window(windowStart, windowEnd);
        if (mixing) {
            mix.measuredFrom(windowStart);
        }
        timers.scheduleAtFixedRate(() -> progress(tracker, inFlight, operations, t0, warmup, total),
                5, 5, TimeUnit.SECONDS);

        System.out.printf("warm-up: %d messages, then measured: %d messages%n", warmup, total - warmup);
        if (mixing) {
            StringBuilder ops = new StringBuilder();
            for (Kind kind : Kind.values()) {
                ops.append(ops.isEmpty() ? "" : ", ").append(plan.count(kind)).append(' ').append(kind.plural)
                        .append(" (").append(plan.measured(kind)).append(" measured)");
            }
            System.out.printf("mix %s: %s, on the same clock; at most %d in flight%n", options.mix().describe(), ops,
                    options.mixConcurrency());
        }
        schedule(tracker, sendClient, users, conversations, inFlight, t0, plan, mix, operations);
        long scheduleEnd = System.nanoTime();

        // Drain: every response first (they decide which deliveries are expected), then the stragglers.
        long responseWait = options.requestTimeout().toNanos() + 5_000_000_000L;
        boolean responsesDone = acquire(inFlight, options.concurrency(), responseWait);
        if (!responsesDone) {
            System.out.println("warning: some sends got no response or error within --request-timeout + 5 s");
        }
        if (mixing && !operations.awaitAnswers(responseWait)) {
            System.out.println("warning: some --mix operations got no response or error within --request-timeout + 5 s");
        }
        // --drain counts from the last send, which is after the planned end when the sender fell behind.
        long drainDeadline = Math.max(windowEnd, scheduleEnd) + options.drain().toNanos();
        while (System.nanoTime() < drainDeadline && !tracker.allDelivered(total)) {
            LockSupport.parkNanos(100_000_000L);
        }
        // The last reactions' and edits' pushes may trail the last message's: wait while they still come (within
        // the drain), so the slowest reaction pushes are not cut from the figures.
        for (long before = -1; mixing && System.nanoTime() < drainDeadline && mix.changeFramesSoFar() != before; ) {
            before = mix.changeFramesSoFar();
            LockSupport.parkNanos(500_000_000L);
        }
        double drained = (System.nanoTime() - scheduleEnd) / 1e9;
        timers.shutdownNow();

        DeliveryTracker.Tally tally = tracker.tally(total);
        long unexpectedCloses = socketStats.unexpectedCloses.sum();
        long stillOpen = sockets.stream().filter(ChatSocket::isOpen).count();
        closeAll(sockets);

        Map<String, Object> result = report(tally, socketStats, userCount, conversationCount, size, total - warmup,
                (windowEnd - windowStart) / 1e9, drained, unexpectedCloses, stillOpen);
        mixReport(result, mix, operations, socketStats);
        System.out.println("RESULT " + GatewayClient.JSON.writeValueAsString(result));
        return tally.failed() ? 1 : 0;
    }

    /**
     * Walks the one clock: each message and each --mix operation at its due time. A message waits for a free
     * --concurrency slot (the waits are counted and reported); an operation never waits, see {@link MixOperations}.
     */
    private void schedule(DeliveryTracker tracker, HttpClient http, List<User> users,
                          List<DeliveryTracker.Conversation> conversations, Semaphore inFlight,
                          long t0, MixSchedule plan, MixTracker mix, MixOperations operations) {
        SplittableRandom random = new SplittableRandom(options.seed());
        URI[] messageUris = conversations.stream()
                .map(c -> URI.create(options.url() + "/api/conversations/" + c.id() + "/messages"))
                .toArray(URI[]::new);
        String[] bearers = users.stream().map(User::bearer).toArray(String[]::new);
        // With a mix the answer's id and seq are needed (targets of reactions and edits, what the sender has seen).
        HttpResponse.BodyHandler<String> handler = info -> info.statusCode() < 300 && mix == null
                ? HttpResponse.BodySubscribers.replacing(null)
                : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);

        while (plan.next()) {
            long target = t0 + plan.due();
            long now;
            while ((now = System.nanoTime()) < target) {
                LockSupport.parkNanos(target - now);
            }
            if (plan.kind() != MixSchedule.MESSAGE) {
                Kind kind = MixSchedule.kindOf(plan.kind());
                operations.dispatch(kind, plan.index(), target, plan.isMeasured(kind, plan.index()));
                continue;
            }
            int i = plan.index();
            if (!inFlight.tryAcquire()) {
                concurrencyWaits.increment();
                inFlight.acquireUninterruptibly();
            }
            long dispatched = System.nanoTime();
            boolean measured = tracker.isMeasured(i);
            long lag = dispatched - target;
            if (measured) {
                lagMicros.record(lag / 1_000);
                if (lag > LATE_NANOS) {
                    lateSends.increment();
                }
            }
            int conversation = random.nextInt(conversations.size());
            int[] members = conversations.get(conversation).members();
            int senderPos = random.nextInt(members.length);
            tracker.scheduled(i, conversation, senderPos, target);
            scheduledSoFar = i + 1;

            String clientMessageId = tracker.clientMessageId(i);
            HttpRequest request = HttpRequest.newBuilder(messageUris[conversation])
                    .timeout(options.requestTimeout())
                    .header("Authorization", bearers[members[senderPos]])
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"clientMessageId\":\"" + clientMessageId
                            + "\",\"body\":\"bench " + options.runId() + " #" + i + "\"}"))
                    .build();
            int index = i;
            try {
                http.sendAsync(request, handler).whenComplete((response, error) -> {
                    try {
                        completed(tracker, index, target, dispatched, response, error);
                        if (mix != null && response != null && response.statusCode() / 100 == 2) {
                            MixTracker.SentMessage sent = MixTracker.parseSent(response.body());
                            if (sent != null) {
                                mix.messageSent(conversation, senderPos, index, sent);
                            }
                        }
                    } finally {
                        inFlight.release();
                    }
                });
            } catch (RuntimeException e) {
                completed(tracker, index, target, dispatched, null, e);
                inFlight.release();
            }
        }
    }

    private void completed(DeliveryTracker tracker, int index, long target, long dispatched,
                           HttpResponse<String> response, Throwable error) {
        long done = System.nanoTime();
        int phase = tracker.isMeasured(index) ? MEASURED : WARMUP;
        boolean ok = false;
        if (response != null) {
            int status = response.statusCode();
            statuses.incrementAndGet(phase * 600 + Math.min(Math.max(status, 0), 599));
            ok = status == 201 || status == 200;
            if (!ok && errorSamples.size() < 3) {
                errorSamples.add(status + " " + GatewayClient.snippet(response.body()));
            }
            // Any answer is timed (a slow 503 is still slow); transport failures have no response time.
            if (phase == MEASURED) {
                sendMicros.record((done - target) / 1_000);
                serviceMicros.record((done - dispatched) / 1_000);
            }
        } else {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            String kind = errorKind(cause);
            sendErrors.get(phase).computeIfAbsent(kind, k -> new LongAdder()).increment();
            if (errorSamples.size() < 3) {
                errorSamples.add(kind + ": " + cause.getMessage());
            }
        }
        tracker.sendCompleted(index, ok);
    }

    static String errorKind(Throwable e) {
        if (e instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (e instanceof ConnectException) {
            return "connect-refused";
        }
        return e.getClass().getSimpleName();
    }

    private void progress(DeliveryTracker tracker, Semaphore inFlight, MixOperations operations, long t0,
                          int warmup, int total) {
        int scheduled = scheduledSoFar;
        long elapsed = System.nanoTime() - t0;
        System.out.printf(Locale.ROOT, "  t=%4.0fs %-8s scheduled %d/%d, in flight %d%s, deliveries %d, lag max %.1f ms%n",
                elapsed / 1e9, scheduled <= warmup ? "warm-up" : scheduled < total ? "measured" : "drain",
                scheduled, total, options.concurrency() - inFlight.availablePermits(),
                operations == null ? "" : " (+" + operations.inFlight() + " mix)", tracker.deliveriesSoFar(),
                lagMicros.max() / 1e3);
    }

    private static boolean acquire(Semaphore semaphore, int permits, long timeoutNanos) {
        try {
            return semaphore.tryAcquire(permits, timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void closeAll(List<ChatSocket> sockets) {
        List<CompletableFuture<?>> closes = new ArrayList<>();
        for (ChatSocket socket : sockets) {
            closes.add(socket.close().exceptionally(e -> null));
        }
        try {
            CompletableFuture.allOf(closes.toArray(CompletableFuture[]::new)).get(3, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // whatever did not close politely is aborted below
        }
        sockets.forEach(ChatSocket::abort);
    }

    private Map<String, Object> report(DeliveryTracker.Tally tally, ChatSocket.Stats socketStats, int users,
                                       int conversations, int size, int measuredMessages, double windowSeconds,
                                       double drained, long unexpectedCloses, long stillOpen) {
        DeliveryTracker.PhaseTally m = tally.measured();
        DeliveryTracker.PhaseTally w = tally.warmup();
        Map<String, Long> measuredStatuses = statusMap(MEASURED);
        Map<String, Long> warmupStatuses = statusMap(WARMUP);
        long measuredFailed = m.sent - m.succeeded;
        double deliveriesPerSecond = tally.windowDeliveries() / windowSeconds;

        System.out.println();
        System.out.println("== results ==");
        System.out.printf(Locale.ROOT, "setup        mode %s, %d users, %d conversations x %d members, rate %s msg/s, "
                        + "warm-up %s, measured %s, drain %s (took %.1f s), concurrency %d, seed %d%n",
                options.mode(), users, conversations, size, fmt(options.rate()), seconds(options.warmup()),
                seconds(options.duration()), seconds(options.drain()), drained, options.concurrency(), options.seed());
        System.out.printf(Locale.ROOT, "sends        attempted %d, succeeded %d, failed %d   by status %s%n",
                m.sent, m.succeeded, measuredFailed, measuredStatuses);
        System.out.printf(Locale.ROOT, "send latency p50 %s ms, p99 %s ms (HTTP answer of any status, from the scheduled time); "
                        + "service time p50 %s ms, p99 %s ms (from dispatch)%n",
                ms(sendMicros.valueAtPercentile(50)), ms(sendMicros.valueAtPercentile(99)),
                ms(serviceMicros.valueAtPercentile(50)), ms(serviceMicros.valueAtPercentile(99)));
        System.out.printf(Locale.ROOT, "deliveries   expected %d, received %d (to members other than the sender); "
                        + "sender echoes %d, counted apart%n", m.expected, m.received, tally.echoes());
        System.out.printf(Locale.ROOT, "throughput   %.1f deliveries/s over the %.1f s measured window (%.1f msg/s target)%n",
                deliveriesPerSecond, windowSeconds, options.rate());
        System.out.printf(Locale.ROOT, "delivery latency ms  p50 %s  p95 %s  p99 %s  p99.9 %s  max %s  (n=%d, socket "
                        + "arrival - scheduled send)%n",
                ms(deliveryMicros.valueAtPercentile(50)), ms(deliveryMicros.valueAtPercentile(95)),
                ms(deliveryMicros.valueAtPercentile(99)), ms(deliveryMicros.valueAtPercentile(99.9)),
                ms(deliveryMicros.max()), deliveryMicros.count());
        System.out.printf(Locale.ROOT, "correctness  lost %d, duplicated %d, out-of-order %d, misrouted %d%s%n",
                tally.lost(), tally.duplicates(), tally.outOfOrder(), tally.misrouted(),
                tally.failed() ? "   <-- FAILED" : "");
        System.out.printf(Locale.ROOT, "warm-up      sends %d, succeeded %d, by status %s; deliveries expected %d, "
                + "received %d, lost %d (included in lost above)%n", w.sent, w.succeeded, warmupStatuses,
                w.expected, w.received, w.lost);
        System.out.printf(Locale.ROOT, "sockets      %d of %d open at the end, %d closed unexpectedly %s; frames by type %s%n",
                stillOpen, users, unexpectedCloses, socketStats.closeCodes(), socketStats.framesByType());
        if (tally.deliveriesOfFailedSends() > 0 || tally.foreign() > 0 || socketStats.malformed.sum() > 0
                || socketStats.errorFrames.sum() > 0) {
            System.out.printf("other        deliveries of failed sends %d, frames of other runs %d, malformed frames %d, "
                            + "error frames %d (last: %s)%n", tally.deliveriesOfFailedSends(), tally.foreign(),
                    socketStats.malformed.sum(), socketStats.errorFrames.sum(), socketStats.lastError);
        }
        if (!errorSamples.isEmpty()) {
            System.out.println("send errors  e.g. " + String.join(" | ", errorSamples));
        }
        for (String lost : tally.lostExamples()) {
            System.out.println("lost         " + lost);
        }
        long maxLagMicros = lagMicros.max();
        System.out.printf(Locale.ROOT, "schedule lag p99 %s ms, max %s ms; %d measured sends left more than 10 ms late%n",
                ms(lagMicros.valueAtPercentile(99)), ms(maxLagMicros), lateSends.sum());
        if (lateSends.sum() > 0) {
            System.out.printf(Locale.ROOT, "WARNING: the sender fell behind its schedule (max %s ms late): %s. Latencies "
                            + "still count from the scheduled time, so the backlog is in the figures, not hidden; "
                            + "but the offered load was below --rate while it lasted.%n", ms(maxLagMicros),
                    concurrencyWaits.sum() > 0
                            ? "the --concurrency limit of " + options.concurrency() + " requests in flight was reached "
                            + concurrencyWaits.sum() + " times (the stack answers too slowly for this rate, or raise "
                            + "--concurrency); the rest is CPU starvation of this JVM"
                            : "this JVM did not get the CPU in time (the box is saturated)");
        }

        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", !tally.failed());
        result.put("mode", options.mode());
        result.put("runId", options.runId());
        result.put("users", users);
        result.put("conversations", conversations);
        result.put("membersPerConversation", size);
        result.put("rate", options.rate());
        result.put("warmupSeconds", options.warmup().toMillis() / 1e3);
        result.put("durationSeconds", options.duration().toMillis() / 1e3);
        result.put("drainSeconds", options.drain().toMillis() / 1e3);
        result.put("concurrency", options.concurrency());
        result.put("seed", options.seed());
        result.put("sendsAttempted", m.sent);
        result.put("sendsSucceeded", m.succeeded);
        result.put("sendsFailed", measuredFailed);
        result.put("sendStatuses", measuredStatuses);
        result.put("sendP50Ms", msValue(sendMicros.valueAtPercentile(50)));
        result.put("sendP99Ms", msValue(sendMicros.valueAtPercentile(99)));
        result.put("deliveriesExpected", m.expected);
        result.put("deliveriesReceived", m.received);
        result.put("deliveriesPerSecond", Math.round(deliveriesPerSecond * 10) / 10.0);
        result.put("latencyP50Ms", msValue(deliveryMicros.valueAtPercentile(50)));
        result.put("latencyP95Ms", msValue(deliveryMicros.valueAtPercentile(95)));
        result.put("latencyP99Ms", msValue(deliveryMicros.valueAtPercentile(99)));
        result.put("latencyP999Ms", msValue(deliveryMicros.valueAtPercentile(99.9)));
        result.put("latencyMaxMs", msValue(deliveryMicros.max()));
        result.put("lost", tally.lost());
        result.put("lostInWarmup", w.lost);
        result.put("duplicated", tally.duplicates());
        result.put("outOfOrder", tally.outOfOrder());
        result.put("misrouted", tally.misrouted());
        result.put("senderEchoes", tally.echoes());
        result.put("maxScheduleLagMs", msValue(maxLagMicros));
        result.put("lateSends", lateSends.sum());
        result.put("socketsClosedUnexpectedly", unexpectedCloses);
        return result;
    }

    /**
     * The --mix lines and RESULT fields: per operation kind (measured phase) attempted / succeeded / failed by
     * status, latency from the scheduled time to the answer; the frames that are not deliveries, by type; the
     * reaction pushes' latency. Without a mix only {@code mix} and {@code framesByType} are added.
     */
    private void mixReport(Map<String, Object> result, MixTracker mix, MixOperations operations,
                           ChatSocket.Stats socketStats) {
        Map<String, Long> frames = socketStats.framesByType();
        result.put("mix", options.mix().name());
        result.put("framesByType", frames);
        if (mix == null) {
            return;
        }
        result.put("reactionsPerMessage", options.mix().reactionsPerMessage());
        result.put("readsPerMessage", options.mix().readsPerMessage());
        result.put("editsPerMessage", options.mix().editsPerMessage());
        result.put("mixConcurrency", options.mixConcurrency());
        System.out.printf(Locale.ROOT, "mix          %s on the messages' clock, at most %d in flight on connections of "
                + "their own%n", options.mix().describe(), options.mixConcurrency());
        Map<String, Object> byKind = new LinkedHashMap<>();
        for (Kind kind : Kind.values()) {
            MixTracker.OpStats m = mix.stats(kind, true);
            MixTracker.OpStats w = mix.stats(kind, false);
            Map<String, Long> statuses = m.byStatus();
            System.out.printf(Locale.ROOT, "%-12s attempted %d, succeeded %d, failed %d   by status %s; latency p50 %s ms, "
                            + "p99 %s ms (answer - scheduled); skipped %d (no target yet); warm-up attempted %d, "
                            + "succeeded %d%n", kind.key, m.attempted.sum(), m.succeeded.sum(), m.failedCount(), statuses,
                    ms(m.latencyMicros.valueAtPercentile(50)), ms(m.latencyMicros.valueAtPercentile(99)),
                    m.skipped.sum(), w.attempted.sum(), w.succeeded.sum());
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("attempted", m.attempted.sum());
            fields.put("succeeded", m.succeeded.sum());
            fields.put("failed", m.failedCount());
            fields.put("statuses", statuses);
            fields.put("skipped", m.skipped.sum());
            fields.put("p50Ms", msValue(m.latencyMicros.valueAtPercentile(50)));
            fields.put("p99Ms", msValue(m.latencyMicros.valueAtPercentile(99)));
            fields.put("warmupAttempted", w.attempted.sum());
            fields.put("warmupSucceeded", w.succeeded.sum());
            byKind.put(kind.key, fields);
        }
        result.put("operations", byKind);
        LatencyHistogram pushes = mix.reactionPushMicros();
        Map<String, Long> others = new TreeMap<>(frames);
        others.remove("message.created");
        System.out.printf(Locale.ROOT, "mix frames   %s (not deliveries); reaction pushes p50 %s ms, p99 %s ms (n=%d, "
                        + "measured reactions: first scheduled PUT -> reaction.added on another member's socket; "
                        + "%d not matched)%n", others, ms(pushes.valueAtPercentile(50)),
                ms(pushes.valueAtPercentile(99)), pushes.count(), mix.reactionPushesUntimed());
        if (!operations.errorSamples().isEmpty()) {
            System.out.println("mix errors   e.g. " + String.join(" | ", operations.errorSamples()));
        }
        result.put("reactionPushes", pushes.count());
        result.put("reactionPushP50Ms", msValue(pushes.valueAtPercentile(50)));
        result.put("reactionPushP99Ms", msValue(pushes.valueAtPercentile(99)));
    }

    private Map<String, Long> statusMap(int phase) {
        Map<String, Long> result = new TreeMap<>();
        for (int s = 0; s < 600; s++) {
            long n = statuses.get(phase * 600 + s);
            if (n > 0) {
                result.put(Integer.toString(s), n);
            }
        }
        sendErrors.get(phase).forEach((kind, n) -> result.put(kind, n.sum()));
        return result;
    }

    static String ms(long micros) {
        return String.format(Locale.ROOT, "%.2f", micros / 1e3);
    }

    static double msValue(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    static String seconds(Duration d) {
        return fmt(d.toMillis() / 1e3) + "s";
    }

    static String fmt(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value);
    }
}
