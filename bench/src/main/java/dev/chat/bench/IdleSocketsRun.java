package dev.chat.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.chat.bench.GatewayClient.User;

/**
 * The idle mode: K authenticated sockets that only ping, held open so the presence process's memory per
 * socket can be read (here from /proc when --presence-pid is given, or by the lead with ps).
 */
final class IdleSocketsRun {

    private final BenchOptions options;

    IdleSocketsRun(BenchOptions options) {
        this.options = options;
    }

    int run() {
        int sockets = options.idleSockets();
        int userCount = Math.min(options.users(), sockets);
        System.out.printf(Locale.ROOT, "chat bench idle sockets: run %s, %d sockets over %d users (round robin), hold %s%n",
                options.runId(), sockets, userCount, LoadRun.seconds(options.hold()));
        GatewayClient gateway = new GatewayClient(options.url(), options.requestTimeout());
        gateway.preflight();
        List<User> users = Setup.users(gateway, options, userCount);

        long rssBefore = rss("before");
        HttpClient socketClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ChatSocket.Stats stats = new ChatSocket.Stats();
        List<ChatSocket> open = new ArrayList<>();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long start = System.nanoTime();
        List<ChatSocket> attempts = Setup.parallel("open + authenticate idle sockets", sockets,
                options.setupConcurrency() * 4, i -> {
                    try {
                        return ChatSocket.connect(socketClient, options.webSocketUri(), users.get(i % userCount), null,
                                stats, options.setupTimeout()).join();
                    } catch (RuntimeException e) {
                        Throwable cause = e.getCause() != null ? e.getCause() : e;
                        firstFailure.compareAndSet(null, cause.getMessage());
                        return null;
                    }
                });
        attempts.stream().filter(s -> s != null).forEach(open::add);
        System.out.printf(Locale.ROOT, "open: %d of %d sockets welcomed in %.1f s%s%n", open.size(), sockets,
                (System.nanoTime() - start) / 1e9,
                firstFailure.get() == null ? "" : "; first failure: " + firstFailure.get());
        if (open.isEmpty()) {
            throw new SetupException("no socket could be opened: " + firstFailure.get());
        }

        GatewayClient.sleep(2_000); // let the presence node settle (Redis writes, buffers) before reading its RSS
        long rssOpen = rss("with sockets open");
        long holdEnd = System.nanoTime() + options.hold().toNanos();
        long pingEvery = options.pingInterval().isZero() ? Long.MAX_VALUE : options.pingInterval().toNanos();
        long nextPing = System.nanoTime() + pingEvery;
        long nextReport = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < holdEnd) {
            GatewayClient.sleep(Math.max(1, Math.min(1_000, (holdEnd - System.nanoTime()) / 1_000_000)));
            long now = System.nanoTime();
            if (now >= nextPing) {
                open.forEach(s -> {
                    if (s.isOpen()) {
                        s.ping();
                    }
                });
                nextPing = now + pingEvery;
            }
            if (now >= nextReport) {
                System.out.printf(Locale.ROOT, "  holding: %d open, %d closed unexpectedly%s%n",
                        open.stream().filter(ChatSocket::isOpen).count(), stats.unexpectedCloses.sum(), rssText(rssNow()));
                nextReport = now + 10_000_000_000L;
            }
        }
        long stillOpen = open.stream().filter(ChatSocket::isOpen).count();
        long rssEnd = rss("after the hold");
        LoadRun.closeAll(open);

        System.out.println();
        System.out.println("== results ==");
        System.out.printf(Locale.ROOT, "sockets      requested %d, welcomed %d, open after the %s hold %d, closed "
                + "unexpectedly %d %s%n", sockets, open.size(), LoadRun.seconds(options.hold()), stillOpen,
                stats.unexpectedCloses.sum(), stats.closeCodes());
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", stillOpen == sockets);
        result.put("mode", "idle-sockets");
        result.put("runId", options.runId());
        result.put("socketsRequested", sockets);
        result.put("socketsWelcomed", open.size());
        result.put("socketsOpenAfterHold", stillOpen);
        result.put("users", userCount);
        result.put("holdSeconds", options.hold().toMillis() / 1e3);
        if (!options.presencePids().isEmpty()) {
            result.put("presencePids", options.presencePids());
            result.put("presenceRssBeforeKiB", rssBefore);
            result.put("presenceRssOpenKiB", rssOpen);
            result.put("presenceRssAfterHoldKiB", rssEnd);
            if (rssBefore >= 0 && rssOpen >= 0 && rssEnd >= 0) {
                double perSocketOpen = (double) (rssOpen - rssBefore) / open.size();
                double perSocketEnd = (double) (rssEnd - rssBefore) / open.size();
                System.out.printf(Locale.ROOT, "presence RSS before %d KiB, open %d KiB, after hold %d KiB: "
                                + "%.1f KiB per socket when opened, %.1f KiB per socket after the hold%n",
                        rssBefore, rssOpen, rssEnd, perSocketOpen, perSocketEnd);
                result.put("kibPerSocketOpen", Math.round(perSocketOpen * 10) / 10.0);
                result.put("kibPerSocketAfterHold", Math.round(perSocketEnd * 10) / 10.0);
            }
        }
        System.out.println("RESULT " + GatewayClient.JSON.writeValueAsString(result));
        return stillOpen == sockets ? 0 : 1;
    }

    private long rssNow() {
        return options.presencePids().isEmpty() ? -2 : ProcessRss.kib(options.presencePids());
    }

    private long rss(String when) {
        long kib = rssNow();
        if (kib == -1) {
            System.out.println("warning: cannot read VmRSS of --presence-pid " + options.presencePids() + " (" + when + ")");
        } else if (kib >= 0) {
            System.out.printf("presence RSS %s: %d KiB%n", when, kib);
        }
        return kib;
    }

    private static String rssText(long kib) {
        return kib >= 0 ? ", presence RSS " + kib + " KiB" : "";
    }
}
