package dev.chat.bench;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
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
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import dev.chat.bench.GatewayClient.User;
import dev.chat.bench.OverloadStats.Outcome;
import dev.chat.bench.ServiceProcesses.Watched;

/**
 * The overload mode (issue 13): DMs sent open-loop at --rate (baseline), at --overload-factor x --rate
 * (overload), at --rate again (recovery), on one fixed schedule that never waits for an answer. Under overload
 * the stack should stay up with bounded memory, refuse what it cannot take quickly (503 problem+json with
 * Retry-After), lose nothing it accepted, and be back to full throughput within seconds once the load drops.
 *
 * <p>Bench keeps itself bounded too: at most --concurrency sends in flight; a send due while every slot is
 * taken is not made and counts as client-dropped (waiting for a slot would turn the open loop into a closed one
 * and hide the overload). Setup, sockets and delivery checks are those of {@link LoadRun}.
 */
final class OverloadRun {

    /** Back to full throughput: a second in which this share of the offered sends was accepted, and no 503. */
    static final double RECOVERED_FRACTION = 0.95;
    private static final long LATE_NANOS = 10_000_000L;
    private static final long HIGHEST_MICROS = 3_600_000_000L;

    private final BenchOptions options;
    private final OverloadPlan plan;
    private final OverloadStats stats;
    private final LatencyHistogram[] deliveryMicros;
    private volatile int scheduledSoFar;

    OverloadRun(BenchOptions options) {
        this.options = options;
        this.plan = OverloadPlan.of(options);
        this.stats = new OverloadStats(plan.phases(), plan.totalSeconds());
        this.deliveryMicros = new LatencyHistogram[plan.phases()];
        for (int p = 0; p < plan.phases(); p++) {
            deliveryMicros[p] = new LatencyHistogram(HIGHEST_MICROS);
        }
    }

    int run() {
        int conversationCount = options.users() / 2;
        int userCount = conversationCount * 2;
        StringBuilder phases = new StringBuilder();
        for (int p = 0; p < plan.phases(); p++) {
            OverloadPlan.Phase phase = plan.phase(p);
            phases.append(p == 0 ? "" : ", ").append(phase.name()).append(' ').append(LoadRun.seconds(phase.duration()))
                    .append(" at ").append(LoadRun.fmt(phase.rate())).append(" msg/s");
        }
        System.out.printf(Locale.ROOT, "chat bench overload: run %s, %d users in %d DMs; %s; %d messages; at most %d "
                        + "sends in flight (a send due while all are taken is dropped, not queued); drain %s%n",
                options.runId(), userCount, conversationCount, phases, plan.total(), options.concurrency(),
                LoadRun.seconds(options.drain()));

        ServiceProcesses.Resolution resolution = ServiceProcesses.resolve(options.pids(), ServiceProcesses.checkoutOfThisJar());
        resolution.notes().forEach(note -> System.out.println("note: " + note));
        ServiceProcesses watch = new ServiceProcesses(resolution.processes(), plan.phases() + 2);
        if (!resolution.processes().isEmpty()) {
            System.out.println("watching " + resolution.processes().stream()
                    .map(w -> w.name() + "=" + w.pid()).reduce((a, b) -> a + " " + b).orElse(""));
        }

        GatewayClient gateway = new GatewayClient(options.url(), options.requestTimeout());
        gateway.preflight();
        long setupStart = System.nanoTime();
        List<User> users = Setup.users(gateway, options, userCount);
        List<DeliveryTracker.Conversation> conversations = Setup.conversations(gateway, options, users, 2, conversationCount);
        Setup.awaitMembership(gateway, options, users, conversations);

        int total = plan.total();
        int[] phaseStarts = new int[plan.phases()];
        for (int p = 0; p < plan.phases(); p++) {
            phaseStarts[p] = plan.firstIndex(p);
        }
        String[] userIds = users.stream().map(User::userId).toArray(String[]::new);
        DeliveryTracker tracker = new DeliveryTracker(conversations, userIds,
                new ClientMessageIds(new SplittableRandom().nextLong()), total, 0, phaseStarts, deliveryMicros);

        HttpClient socketClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ChatSocket.Stats socketStats = new ChatSocket.Stats();
        List<ChatSocket> sockets = Setup.sockets(socketClient, options, users, tracker, socketStats);
        System.out.printf(Locale.ROOT, "setup done in %.1f s: %d sockets welcomed%n",
                (System.nanoTime() - setupStart) / 1e9, sockets.size());

        ScheduledExecutorService timers = Setup.timersPinging(sockets, options.pingInterval());
        HttpClient sendClient = Setup.sendClient();
        Semaphore inFlight = new Semaphore(options.concurrency());
        watch.sample(0);
        long t0 = System.nanoTime() + 100_000_000L;
        long scheduleEndOffset = plan.endNanos(plan.phases() - 1);
        tracker.window(t0, t0 + scheduleEndOffset);
        timers.scheduleAtFixedRate(() -> watch.sample(plan.phaseAt(System.nanoTime() - t0) + 1),
                100, 1_000, TimeUnit.MILLISECONDS);
        timers.scheduleAtFixedRate(() -> progress(tracker, inFlight, t0), 5_100, 5_000, TimeUnit.MILLISECONDS);

        schedule(tracker, sendClient, users, conversations, inFlight, t0);
        long scheduleEnd = System.nanoTime();

        // Drain: every answer first (they decide which deliveries are expected), then the straggling frames.
        boolean responsesDone = acquire(inFlight, options.concurrency(),
                options.requestTimeout().toNanos() + 5_000_000_000L);
        if (!responsesDone) {
            System.out.println("warning: some sends got no answer or error within --request-timeout + 5 s");
        }
        // --drain counts from the last send, which is after the planned end when the sender fell behind.
        long drainDeadline = Math.max(t0 + scheduleEndOffset, scheduleEnd) + options.drain().toNanos();
        while (System.nanoTime() < drainDeadline && !tracker.allDelivered(total)) {
            LockSupport.parkNanos(100_000_000L);
        }
        boolean stillArriving = false;
        if (!tracker.allDelivered(total)) {
            long before = tracker.deliveriesSoFar();
            LockSupport.parkNanos(1_000_000_000L);
            stillArriving = tracker.deliveriesSoFar() > before;
        }
        double drained = (System.nanoTime() - scheduleEnd) / 1e9;
        timers.shutdownNow();
        awaitQuietly(timers);

        int endColumn = plan.phases() + 1;
        watch.sample(endColumn);
        List<Watched> watched = watch.processes();
        for (int i = 0; i < watched.size(); i++) {
            if (!ServiceProcesses.alive(watched.get(i))) {
                watch.markGone(i, endColumn);
            }
        }

        DeliveryTracker.Tally tally = tracker.tally(total);
        long unexpectedCloses = socketStats.unexpectedCloses.sum();
        long stillOpen = sockets.stream().filter(ChatSocket::isOpen).count();
        LoadRun.closeAll(sockets);

        return report(tracker, tally, watch, socketStats, userCount, conversationCount, drained, stillArriving,
                unexpectedCloses, stillOpen);
    }

    private void schedule(DeliveryTracker tracker, HttpClient http, List<User> users,
                          List<DeliveryTracker.Conversation> conversations, Semaphore inFlight, long t0) {
        SplittableRandom random = new SplittableRandom(options.seed());
        URI[] messageUris = conversations.stream()
                .map(c -> URI.create(options.url() + "/api/conversations/" + c.id() + "/messages"))
                .toArray(URI[]::new);
        String[] bearers = users.stream().map(User::bearer).toArray(String[]::new);
        // Bodies are read only for unexpected answers (examples for the report); refusals are counted, not read.
        HttpResponse.BodyHandler<String> handler = info -> {
            int status = info.statusCode();
            boolean expected = (status >= 200 && status < 300) || status == 503 || status == 429;
            return expected ? HttpResponse.BodySubscribers.replacing(null)
                    : HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8);
        };

        int total = plan.total();
        for (int i = 0; i < total; i++) {
            long target = t0 + plan.dueNanos(i);
            long now;
            while ((now = System.nanoTime()) < target) {
                LockSupport.parkNanos(target - now);
            }
            int phase = plan.phaseOf(i);
            int second = plan.secondOf(i);
            // Chosen before the slot check, so a seed gives the same senders whatever is dropped.
            int conversation = random.nextInt(conversations.size());
            int senderPos = random.nextInt(2);
            long dispatched = System.nanoTime();
            stats.offered(phase, second, dispatched - target);
            scheduledSoFar = i + 1;
            if (!inFlight.tryAcquire()) {
                stats.dropped(phase, second);
                continue;
            }
            int[] members = conversations.get(conversation).members();
            tracker.scheduled(i, conversation, senderPos, target);
            HttpRequest request = HttpRequest.newBuilder(messageUris[conversation])
                    .timeout(options.requestTimeout())
                    .header("Authorization", bearers[members[senderPos]])
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"clientMessageId\":\"" + tracker.clientMessageId(i)
                            + "\",\"body\":\"bench " + options.runId() + " #" + i + "\"}"))
                    .build();
            int index = i;
            try {
                http.sendAsync(request, handler).whenComplete((response, error) -> {
                    try {
                        completed(tracker, index, phase, second, target, response, error);
                    } finally {
                        inFlight.release();
                    }
                });
            } catch (RuntimeException e) {
                completed(tracker, index, phase, second, target, null, e);
                inFlight.release();
            }
        }
    }

    private void completed(DeliveryTracker tracker, int index, int phase, int second, long target,
                           HttpResponse<String> response, Throwable error) {
        long micros = (System.nanoTime() - target) / 1_000;
        if (response != null) {
            int status = response.statusCode();
            boolean retryAfter = response.headers().firstValue("Retry-After").isPresent();
            stats.answered(phase, second, status, retryAfter, response.headers().firstValue("Content-Type").orElse(null),
                    micros);
            Outcome outcome = OverloadStats.classify(status, retryAfter);
            if (outcome != Outcome.ACCEPTED && !outcome.isRefusal()) {
                stats.sample(status + " " + GatewayClient.snippet(response.body()));
            }
            tracker.sendCompleted(index, outcome == Outcome.ACCEPTED);
        } else {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            stats.failed(phase, second, errorKind(cause), String.valueOf(cause.getMessage()));
            tracker.sendCompleted(index, false);
        }
    }

    static String errorKind(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) {
            return "connect-timeout";
        }
        if (e instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (e instanceof ConnectException) {
            return "connect-refused";
        }
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        if (message.contains("received no bytes") || message.contains("closed") || message.contains("eof")) {
            return "connection-closed";
        }
        if (message.contains("reset")) {
            return "connection-reset";
        }
        return e.getClass().getSimpleName();
    }

    private void progress(DeliveryTracker tracker, Semaphore inFlight, long t0) {
        long elapsed = System.nanoTime() - t0;
        int p = plan.phaseAt(elapsed);
        long accepted = 0;
        long refused = 0;
        long dropped = 0;
        long errors = 0;
        for (int q = 0; q < plan.phases(); q++) {
            accepted += stats.count(q, Outcome.ACCEPTED);
            refused += stats.refused503(q) + stats.count(q, Outcome.TOO_MANY_REQUESTS);
            dropped += stats.count(q, Outcome.CLIENT_DROPPED);
            errors += stats.otherErrors(q);
        }
        System.out.printf(Locale.ROOT, "  t=%4.0fs %-8s scheduled %d/%d, in flight %d; accepted %d, refused %d, "
                        + "other errors %d, dropped %d; deliveries %d%n",
                elapsed / 1e9, p < plan.phases() ? plan.phase(p).name() : "drain", scheduledSoFar, plan.total(),
                options.concurrency() - inFlight.availablePermits(), accepted, refused, errors, dropped,
                tracker.deliveriesSoFar());
    }

    private int report(DeliveryTracker tracker, DeliveryTracker.Tally tally, ServiceProcesses watch,
                       ChatSocket.Stats socketStats, int users, int conversations, double drained, boolean stillArriving,
                       long unexpectedCloses, long stillOpen) {
        int phases = plan.phases();
        int recoveryPhase = phases - 1;
        OverloadStats.Recovery recovery = stats.recovery(plan, recoveryPhase, RECOVERED_FRACTION);
        List<String> columns = columns();

        System.out.println();
        System.out.println("== results ==");
        System.out.printf(Locale.ROOT, "setup        overload mode, %d users in %d DMs, --rate %s msg/s, --overload-factor %s, "
                        + "concurrency %d, request timeout %s, drain %s (took %.1f s), seed %d%n",
                users, conversations, LoadRun.fmt(options.rate()), LoadRun.fmt(options.overloadFactor()),
                options.concurrency(), LoadRun.seconds(options.requestTimeout()), LoadRun.seconds(options.drain()),
                drained, options.seed());

        System.out.println();
        System.out.println("answers per phase (of the sends scheduled in it; /s = per second of the phase)");
        System.out.printf(Locale.ROOT, "%-9s %7s %10s %11s %8s %11s %6s %7s %7s %9s %8s %12s%n", "phase", "length",
                "offered/s", "accepted/s", "503/s", "503 no R-A", "429", "o.4xx", "o.5xx", "t/o+conn", "dropped",
                "not problem");
        for (int p = 0; p < phases; p++) {
            double secs = secondsOf(p);
            System.out.printf(Locale.ROOT, "%-9s %7s %10.1f %11.1f %8.1f %11d %6d %7d %7d %9d %8d %12d%n",
                    plan.phase(p).name(), LoadRun.seconds(plan.phase(p).duration()), stats.offered(p) / secs,
                    stats.count(p, Outcome.ACCEPTED) / secs, stats.refused503(p) / secs,
                    stats.count(p, Outcome.REFUSED_503), stats.count(p, Outcome.TOO_MANY_REQUESTS),
                    stats.count(p, Outcome.OTHER_4XX) + stats.count(p, Outcome.OTHER_STATUS),
                    stats.count(p, Outcome.OTHER_5XX), stats.count(p, Outcome.TRANSPORT_ERROR),
                    stats.count(p, Outcome.CLIENT_DROPPED), stats.notProblemJson(p));
        }

        System.out.println();
        System.out.println("latency per phase, ms (answers: scheduled send -> HTTP answer; deliveries: scheduled send "
                + "-> socket frame)");
        System.out.printf(Locale.ROOT, "%-9s %27s   %27s   %27s   %24s %9s%n", "phase", "accepted (2xx) p50/p99/max",
                "refused (503/429) p50/p99/max", "delivery p50/p99/max", "deliveries exp/recv/lost", "lag max");
        for (int p = 0; p < phases; p++) {
            DeliveryTracker.PhaseTally t = tracker.tally(plan.firstIndex(p), plan.firstIndex(p) + plan.count(p));
            System.out.printf(Locale.ROOT, "%-9s %27s   %27s   %27s   %24s %9s%n", plan.phase(p).name(),
                    triple(stats.accepted(p)), triple(stats.refused(p)), triple(deliveryMicros[p]),
                    t.expected + "/" + t.received + "/" + t.lost, LoadRun.ms(stats.lag(p).max()));
        }

        System.out.println();
        System.out.println("per second (t = second of the phase; what became of the sends scheduled in it)");
        System.out.printf(Locale.ROOT, "%-9s %4s %8s %9s %6s %6s %6s %8s %11s%n", "phase", "t", "offered", "accepted",
                "503", "429", "other", "dropped", "acc p99 ms");
        for (int s = 0; s < plan.totalSeconds(); s++) {
            int p = plan.phaseOfSecond(s);
            System.out.printf(Locale.ROOT, "%-9s %4d %8d %9d %6d %6d %6d %8d %11s%n", plan.phase(p).name(),
                    s - plan.firstSecond(p) + 1, stats.offeredAt(s), stats.countAt(s, Outcome.ACCEPTED),
                    stats.refused503At(s), stats.countAt(s, Outcome.TOO_MANY_REQUESTS), stats.otherErrorsAt(s),
                    stats.countAt(s, Outcome.CLIENT_DROPPED),
                    stats.acceptedAt(s).count() == 0 ? "-" : LoadRun.ms(stats.acceptedAt(s).valueAtPercentile(99)));
        }

        System.out.println();
        double recoverySecs = secondsOf(recoveryPhase);
        System.out.printf(Locale.ROOT, "recovery     %s; recovery phase: %.1f accepted/s of %.1f offered, p99 %s ms%n",
                recovery.describe(RECOVERED_FRACTION), stats.count(recoveryPhase, Outcome.ACCEPTED) / recoverySecs,
                stats.offered(recoveryPhase) / recoverySecs, stats.accepted(recoveryPhase).count() == 0 ? "-"
                        : LoadRun.ms(stats.accepted(recoveryPhase).valueAtPercentile(99)));

        List<Watched> watched = watch.processes();
        boolean died = false;
        if (!watched.isEmpty()) {
            System.out.println();
            System.out.println("memory: max VmRSS per process, MiB (sampled every second), and liveness at the end");
            StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-14s %8s", "process", "pid"));
            columns.forEach(c -> header.append(String.format(Locale.ROOT, " %9s", c)));
            System.out.println(header.append("  alive"));
            for (int i = 0; i < watched.size(); i++) {
                StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-14s %8d", watched.get(i).name(),
                        watched.get(i).pid()));
                for (int c = 0; c < columns.size(); c++) {
                    long kib = watch.maxKib(i, c);
                    row.append(String.format(Locale.ROOT, " %9s", kib < 0 ? "-" : String.format(Locale.ROOT, "%.1f", kib / 1024.0)));
                }
                int gone = watch.goneIn(i);
                died |= gone >= 0;
                System.out.println(row.append(gone < 0 ? "  yes" : "  NO: gone during " + columns.get(gone) + "   <-- DIED"));
            }
        }

        System.out.println();
        System.out.printf(Locale.ROOT, "correctness  lost %d, duplicated %d, out-of-order %d, misrouted %d (of the "
                        + "accepted messages; %d expected deliveries, %d received)%s%n",
                tally.lost(), tally.duplicates(), tally.outOfOrder(), tally.misrouted(), tally.measured().expected,
                tally.measured().received, tally.failed() ? "   <-- FAILED" : "");
        if (tally.lost() > 0 && stillArriving) {
            System.out.println("             deliveries were still arriving when the drain ended: the lost ones may "
                    + "only be late (a backlog); rerun with a longer --drain to tell");
        }
        for (String lost : tally.lostExamples()) {
            System.out.println("lost         " + lost);
        }
        if (tally.deliveriesOfFailedSends() > 0) {
            System.out.printf("             %d deliveries of sends that got no 2xx (a timeout or a gateway 5xx after "
                    + "the service had committed): not expected, not lost%n", tally.deliveriesOfFailedSends());
        }
        System.out.printf(Locale.ROOT, "sockets      %d of %d open at the end, %d closed unexpectedly %s; frames by type %s%n",
                stillOpen, users, unexpectedCloses, socketStats.closeCodes(), socketStats.framesByType());
        if (!stats.transportKinds().isEmpty()) {
            System.out.println("no answer    " + stats.transportKinds());
        }
        List<String> errors = new ArrayList<>();
        stats.errorSamples().forEach(errors::add);
        if (!errors.isEmpty()) {
            System.out.println("errors       e.g. " + String.join(" | ", errors));
        }
        List<String> notProblem = new ArrayList<>();
        stats.notProblemSamples().forEach(notProblem::add);
        if (!notProblem.isEmpty()) {
            System.out.println("NOT problem+json  e.g. " + String.join(" | ", notProblem));
        }
        long dropped = 0;
        for (int p = 0; p < phases; p++) {
            dropped += stats.count(p, Outcome.CLIENT_DROPPED);
        }
        if (dropped > 0) {
            System.out.printf("note         %d sends were client-dropped: all %d --concurrency slots were taken, "
                    + "the stack held that many requests open; raise --concurrency to offer the whole load%n",
                    dropped, options.concurrency());
        }
        List<String> late = new ArrayList<>();
        for (int p = 0; p < phases; p++) {
            if (stats.lag(p).max() * 1_000 > LATE_NANOS) {
                late.add(plan.phase(p).name() + " max " + LoadRun.ms(stats.lag(p).max()) + " ms, p99 "
                        + LoadRun.ms(stats.lag(p).valueAtPercentile(99)) + " ms");
            }
        }
        if (!late.isEmpty()) {
            System.out.println("WARNING      bench sent late (" + String.join("; ", late) + "): this JVM did not get "
                    + "the CPU in time (it never waits for a slot), so the load offered was below plan while it lasted; "
                    + "latencies still count from the schedule");
        }

        boolean ok = !tally.failed() && !died;
        Map<String, Object> result = result(tracker, tally, watch, recovery, users, conversations, ok, died);
        System.out.println("RESULT " + GatewayClient.JSON.writeValueAsString(result));
        return ok ? 0 : 1;
    }

    private Map<String, Object> result(DeliveryTracker tracker, DeliveryTracker.Tally tally, ServiceProcesses watch,
                                       OverloadStats.Recovery recovery, int users, int conversations, boolean ok,
                                       boolean died) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ok", ok);
        result.put("mode", "overload");
        result.put("runId", options.runId());
        result.put("users", users);
        result.put("conversations", conversations);
        result.put("rate", options.rate());
        result.put("overloadFactor", options.overloadFactor());
        result.put("concurrency", options.concurrency());
        result.put("seed", options.seed());
        List<Map<String, Object>> phaseResults = new ArrayList<>();
        List<String> columns = columns();
        for (int p = 0; p < plan.phases(); p++) {
            double secs = secondsOf(p);
            DeliveryTracker.PhaseTally t = tracker.tally(plan.firstIndex(p), plan.firstIndex(p) + plan.count(p));
            Map<String, Object> phase = new LinkedHashMap<>();
            phase.put("name", plan.phase(p).name());
            phase.put("seconds", secs);
            phase.put("rate", plan.phase(p).rate());
            phase.put("offered", stats.offered(p));
            phase.put("outcomes", stats.outcomes(p));
            phase.put("acceptedPerSecond", round1(stats.count(p, Outcome.ACCEPTED) / secs));
            phase.put("refused503PerSecond", round1(stats.refused503(p) / secs));
            phase.put("notProblemJson", stats.notProblemJson(p));
            phase.put("acceptedMs", percentiles(stats.accepted(p)));
            phase.put("refusedMs", percentiles(stats.refused(p)));
            phase.put("deliveryMs", percentiles(deliveryMicros[p]));
            phase.put("deliveriesExpected", t.expected);
            phase.put("deliveriesReceived", t.received);
            phase.put("lost", t.lost);
            phase.put("maxScheduleLagMs", LoadRun.msValue(stats.lag(p).max()));
            int from = plan.firstSecond(p);
            int to = from + plan.seconds(p);
            Map<String, Object> perSecond = new LinkedHashMap<>();
            perSecond.put("offered", series(from, to, stats::offeredAt));
            perSecond.put("accepted", series(from, to, s -> stats.countAt(s, Outcome.ACCEPTED)));
            perSecond.put("refused503", series(from, to, stats::refused503At));
            perSecond.put("refused429", series(from, to, s -> stats.countAt(s, Outcome.TOO_MANY_REQUESTS)));
            perSecond.put("otherErrors", series(from, to, stats::otherErrorsAt));
            perSecond.put("dropped", series(from, to, s -> stats.countAt(s, Outcome.CLIENT_DROPPED)));
            List<Double> p99 = new ArrayList<>();
            for (int s = from; s < to; s++) {
                p99.add(LoadRun.msValue(stats.acceptedAt(s).valueAtPercentile(99)));
            }
            perSecond.put("acceptedP99Ms", p99);
            phase.put("perSecond", perSecond);
            phaseResults.add(phase);
        }
        result.put("phases", phaseResults);
        result.put("recovered", recovery.recovered());
        result.put("recoverySeconds", recovery.seconds());
        result.put("recoveryLaterShortSeconds", recovery.laterBad());
        result.put("lost", tally.lost());
        result.put("duplicated", tally.duplicates());
        result.put("outOfOrder", tally.outOfOrder());
        result.put("misrouted", tally.misrouted());
        result.put("transportErrors", stats.transportKinds());
        Map<String, Object> processes = new LinkedHashMap<>();
        List<Watched> watched = watch.processes();
        for (int i = 0; i < watched.size(); i++) {
            Map<String, Object> process = new LinkedHashMap<>();
            process.put("pid", watched.get(i).pid());
            process.put("alive", watch.goneIn(i) < 0);
            Map<String, Long> rss = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                rss.put(columns.get(c), watch.maxKib(i, c));
            }
            process.put("maxRssKiB", rss);
            processes.put(watched.get(i).name(), process);
        }
        result.put("processes", processes);
        result.put("processDied", died);
        return result;
    }

    /** Report columns of the memory table: before the schedule, each phase, the drain. */
    private List<String> columns() {
        List<String> columns = new ArrayList<>();
        columns.add("before");
        for (int p = 0; p < plan.phases(); p++) {
            columns.add(plan.phase(p).name());
        }
        columns.add("drain");
        return columns;
    }

    private double secondsOf(int phase) {
        return Math.max(1e-9, plan.phase(phase).duration().toNanos() / 1e9);
    }

    private static String triple(LatencyHistogram h) {
        if (h.count() == 0) {
            return "-";
        }
        return LoadRun.ms(h.valueAtPercentile(50)) + " / " + LoadRun.ms(h.valueAtPercentile(99)) + " / "
                + LoadRun.ms(h.max());
    }

    private static Map<String, Object> percentiles(LatencyHistogram h) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("n", h.count());
        result.put("p50", LoadRun.msValue(h.valueAtPercentile(50)));
        result.put("p99", LoadRun.msValue(h.valueAtPercentile(99)));
        result.put("max", LoadRun.msValue(h.max()));
        return result;
    }

    private static List<Long> series(int from, int to, java.util.function.IntToLongFunction value) {
        List<Long> result = new ArrayList<>(to - from);
        for (int s = from; s < to; s++) {
            result.add(value.applyAsLong(s));
        }
        return result;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static boolean acquire(Semaphore semaphore, int permits, long timeoutNanos) {
        try {
            return semaphore.tryAcquire(permits, timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void awaitQuietly(ScheduledExecutorService executor) {
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
