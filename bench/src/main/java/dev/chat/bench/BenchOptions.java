package dev.chat.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** The command line: {@code --key value} pairs, each with a default. */
record BenchOptions(
        URI url,
        String mode,
        int users,
        int groupSize,
        double rate,
        Duration warmup,
        Duration duration,
        Duration drain,
        int concurrency,
        int setupConcurrency,
        Duration requestTimeout,
        Duration setupTimeout,
        Duration pingInterval,
        String runId,
        long seed,
        int idleSockets,
        Duration hold,
        List<Long> presencePids,
        Duration baseline,
        Duration overload,
        double overloadFactor,
        Duration recovery,
        String pids,
        OperationMix mix,
        int mixConcurrency,
        boolean help) {

    /** Overload mode's --concurrency when not given: generous, the cap only keeps bench itself bounded. */
    static final int OVERLOAD_CONCURRENCY = 1024;
    /** Access tokens last 15 minutes and bench does not refresh them: an overload schedule must fit. */
    static final Duration MAX_OVERLOAD_SCHEDULE = Duration.ofMinutes(15);

    /** key, default, description: the order --help prints them in. */
    private static final String[][] SPEC = {
        {"url", "http://127.0.0.1:8080", "gateway base URL; the WebSocket is <url>/ws (http->ws, https->wss)"},
        {"mode", "dm", "dm: users/2 direct conversations; group: users/group-size groups; "
                + "overload: DMs at --rate, then --overload-factor x --rate, then --rate again"},
        {"users", "100", "users to register, log in and connect (one socket each)"},
        {"group-size", "10", "members per group conversation (--mode group), the creator included"},
        {"rate", "100", "messages per second in total, open loop (fixed schedule, never waits for replies)"},
        {"warmup", "10s", "warm-up at the target rate: checked for loss, not timed; overload mode: 0 unless given, "
                + "else a first phase at --rate (warms a cold bench/stack before the baseline)"},
        {"duration", "30s", "measured phase"},
        {"drain", "10s", "after the last send, how long to wait for straggling frames"},
        {"concurrency", "64", "max HTTP/1.1 sends in flight (= connections) during the run; overload mode: "
                + OVERLOAD_CONCURRENCY + " unless given, and a send finding no free slot is dropped (client-dropped), never queued"},
        {"setup-concurrency", "8", "parallel requests during setup (register/login are bcrypt-bound)"},
        {"request-timeout", "10s", "timeout of one HTTP request"},
        {"setup-timeout", "60s", "how long setup waits for membership to propagate and for welcome frames"},
        {"ping-interval", "25s", "application ping on every socket (0 = off)"},
        {"run-id", "<random>", "prefix of the user names (lowercase letters/digits); same id again = log in, not register"},
        {"seed", "<random>", "seed of the conversation/sender choice"},
        {"idle-sockets", "0", "K > 0: idle mode: open K authenticated sockets (over --users users), hold, report"},
        {"hold", "60s", "idle mode: how long to hold the sockets open"},
        {"presence-pid", "", "idle mode: presence process id(s), comma separated: print their VmRSS before/after"},
        {"baseline", "15s", "overload mode: first phase, at --rate"},
        {"overload", "60s", "overload mode: second phase, at --overload-factor x --rate"},
        {"overload-factor", "3", "overload mode: the overload phase's rate as a multiple of --rate"},
        {"recovery", "30s", "overload mode: last phase, at --rate again; how soon is the stack back to full throughput?"},
        {"mix", "none", "load mode (dm, group): what goes with the messages on the same open-loop clock: none | realistic "
                + "(per message 0.5 reactions, 0.5 read-cursor moves, 0.05 edits); the three options below override a ratio"},
        {"reactions-per-message", "<mix>", "reactions (PUT .../reactions/{emoji} by a random member on a recent message) per message"},
        {"reads-per-message", "<mix>", "read-cursor moves (PUT .../receipt to what that member has seen) per message"},
        {"edits-per-message", "<mix>", "edits (PATCH by its sender of a recent message) per message"},
        {"mix-concurrency", "<concurrency>", "max --mix operations in flight, on connections of their own (the sends keep "
                + "--concurrency); one due while all are taken is dropped (client-dropped), never queued"},
        {"pids", "auto", "overload mode: processes whose VmRSS is sampled every second and that must be alive at the end: "
                + "name=pid,... | a directory of <name>.pid files | auto (<checkout>/run/pids, written by ./chat up) | none"},
    };

    static BenchOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] spec : SPEC) {
            values.put(spec[0], spec[1]);
        }
        boolean help = false;
        Set<String> given = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --key value, got '" + arg + "'");
            }
            String key = arg.substring(2);
            String value;
            int eq = key.indexOf('=');
            if (eq >= 0) {
                value = key.substring(eq + 1);
                key = key.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
            if (!values.containsKey(key)) {
                throw new IllegalArgumentException("unknown option --" + key);
            }
            values.put(key, value);
            given.add(key);
        }

        String mode = values.get("mode").toLowerCase(Locale.ROOT);
        if (!mode.equals("dm") && !mode.equals("group") && !mode.equals("overload")) {
            throw new IllegalArgumentException("--mode must be dm, group or overload, got '" + mode + "'");
        }
        boolean overloadMode = mode.equals("overload");
        if (overloadMode && !given.contains("concurrency")) {
            values.put("concurrency", Integer.toString(OVERLOAD_CONCURRENCY));
        }
        if (overloadMode && !given.contains("warmup")) {
            values.put("warmup", "0");
        }
        String runId = values.get("run-id");
        if (runId.equals("<random>")) {
            runId = randomRunId();
        } else if (!runId.matches("[a-z0-9]{1,12}")) {
            throw new IllegalArgumentException("--run-id must be 1-12 lowercase letters or digits");
        }
        String seed = values.get("seed");
        String url = values.get("url");
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri = URI.create(url);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new IllegalArgumentException("--url must be http:// or https://, got '" + url + "'");
        }
        OperationMix mix = mix(values);
        int concurrency = positiveInt(values, "concurrency", 1);
        if (values.get("mix-concurrency").equals("<concurrency>")) {
            values.put("mix-concurrency", Integer.toString(concurrency));
        }

        BenchOptions options = new BenchOptions(
                uri,
                mode,
                positiveInt(values, "users", 2),
                positiveInt(values, "group-size", 2),
                positiveDouble(values, "rate"),
                duration(values, "warmup"),
                duration(values, "duration"),
                duration(values, "drain"),
                concurrency,
                positiveInt(values, "setup-concurrency", 1),
                duration(values, "request-timeout"),
                duration(values, "setup-timeout"),
                duration(values, "ping-interval"),
                runId,
                seed.equals("<random>") ? ThreadLocalRandom.current().nextLong() : Long.parseLong(seed),
                nonNegativeInt(values, "idle-sockets"),
                duration(values, "hold"),
                pids(values.get("presence-pid")),
                duration(values, "baseline"),
                duration(values, "overload"),
                positiveDouble(values, "overload-factor"),
                duration(values, "recovery"),
                values.get("pids").trim(),
                mix,
                positiveInt(values, "mix-concurrency", 1),
                help);
        if (!mix.isNone() && (options.idleSockets() > 0 || overloadMode)) {
            throw new IllegalArgumentException("--mix and the *-per-message options work with --mode dm and group only");
        }
        if (options.idleSockets() == 0 && overloadMode) {
            if (options.overload().isZero() || options.recovery().isZero()) {
                throw new IllegalArgumentException("--overload and --recovery must be above 0");
            }
            Duration schedule = options.warmup().plus(options.baseline()).plus(options.overload()).plus(options.recovery());
            if (schedule.compareTo(MAX_OVERLOAD_SCHEDULE) > 0) {
                throw new IllegalArgumentException("--warmup + --baseline + --overload + --recovery = " + schedule.toSeconds()
                        + " s: at most " + MAX_OVERLOAD_SCHEDULE.toMinutes() + " min (the access tokens expire)");
            }
            long total = OverloadPlan.of(options).total();
            if (total > 50_000_000L) {
                throw new IllegalArgumentException("the overload schedule has " + total + " messages: too many for one run");
            }
            ServiceProcesses.validate(options.pids());
        } else if (options.idleSockets() == 0) {
            if (options.mode().equals("group") && options.groupSize() > options.users()) {
                throw new IllegalArgumentException("--group-size " + options.groupSize() + " exceeds --users " + options.users());
            }
            if (options.duration().isZero()) {
                throw new IllegalArgumentException("--duration must be above 0");
            }
            long total = options.totalMessages();
            if (total > 50_000_000L) {
                throw new IllegalArgumentException("rate x (warmup + duration) = " + total + " messages: too many for one run");
            }
            double perMessage = mix.reactionsPerMessage() + mix.readsPerMessage() + mix.editsPerMessage();
            if (total * perMessage > 50_000_000L) {
                throw new IllegalArgumentException("--mix: " + Math.round(total * perMessage) + " operations: too many for one run");
            }
        }
        return options;
    }

    static String usage() {
        StringBuilder out = new StringBuilder("""
                usage: java -jar bench/target/bench.jar [--key value ...]

                Load mode (default): registers users, creates conversations, opens one WebSocket per user through
                the gateway, sends messages open-loop at --rate and times each push from its scheduled send time.
                With --mix realistic, reactions, read-cursor moves and edits go out on the same clock beside them.
                Idle mode (--idle-sockets K): opens K idle authenticated sockets and holds them (presence memory).
                Overload mode (--mode overload): DMs open-loop at --rate for --baseline (after --warmup if given),
                at --overload-factor x --rate for --overload, at --rate for --recovery. Answers counted by status per
                phase and per second, latency of acceptances and of refusals apart, deliveries checked, VmRSS of each
                --pids process sampled every second; reports how soon throughput was back.
                Durations: 500ms, 10s, 2m or a plain number of seconds. Exit: 0 ok, 1 lost/duplicated/misrouted
                frames (or idle sockets that did not stay open, or a --pids process that died in overload mode),
                2 bad options, 3 setup failed (stack not reachable).

                options:
                """);
        for (String[] spec : SPEC) {
            out.append(String.format("  --%-21s %-22s %s%n", spec[0], spec[1].isEmpty() ? "(none)" : spec[1], spec[2]));
        }
        return out.toString();
    }

    /** Warm-up messages: the first indices of the schedule. */
    int warmupMessages() {
        return (int) Math.round(rate * warmup.toNanos() / 1e9);
    }

    int measuredMessages() {
        return (int) Math.max(1, Math.round(rate * duration.toNanos() / 1e9));
    }

    long totalMessages() {
        return (long) warmupMessages() + measuredMessages();
    }

    URI webSocketUri() {
        String scheme = url.getScheme().equals("https") ? "wss" : "ws";
        return URI.create(scheme + url.toString().substring(url.getScheme().length()) + "/ws");
    }

    static Duration parseDuration(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            }
            double amount;
            long unitNanos;
            if (t.endsWith("s")) {
                amount = Double.parseDouble(t.substring(0, t.length() - 1));
                unitNanos = 1_000_000_000L;
            } else if (t.endsWith("m")) {
                amount = Double.parseDouble(t.substring(0, t.length() - 1));
                unitNanos = 60_000_000_000L;
            } else if (t.endsWith("h")) {
                amount = Double.parseDouble(t.substring(0, t.length() - 1));
                unitNanos = 3_600_000_000_000L;
            } else {
                amount = Double.parseDouble(t);
                unitNanos = 1_000_000_000L;
            }
            if (amount < 0 || Double.isNaN(amount) || Double.isInfinite(amount)) {
                throw new NumberFormatException();
            }
            return Duration.ofNanos(Math.round(amount * unitNanos));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a duration: '" + text + "' (use 500ms, 10s, 2m)");
        }
    }

    private static Duration duration(Map<String, String> values, String key) {
        try {
            return parseDuration(values.get(key));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + key + ": " + e.getMessage());
        }
    }

    private static int positiveInt(Map<String, String> values, String key, int min) {
        int value = nonNegativeInt(values, key);
        if (value < min) {
            throw new IllegalArgumentException("--" + key + " must be at least " + min);
        }
        return value;
    }

    private static int nonNegativeInt(Map<String, String> values, String key) {
        try {
            int value = Integer.parseInt(values.get(key).trim());
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a non-negative integer, got '" + values.get(key) + "'");
        }
    }

    private static double positiveDouble(Map<String, String> values, String key) {
        try {
            double value = Double.parseDouble(values.get(key).trim());
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + key + " must be a positive number, got '" + values.get(key) + "'");
        }
    }

    /** The --mix preset, with each ratio given on its own replacing the preset's. */
    private static OperationMix mix(Map<String, String> values) {
        OperationMix mix = OperationMix.preset(values.get("mix"));
        for (OperationMix.Kind kind : OperationMix.Kind.values()) {
            String key = kind.option;
            String text = values.get(key).trim();
            if (text.equals("<mix>")) {
                continue;
            }
            double ratio;
            try {
                ratio = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                ratio = Double.NaN;
            }
            if (!(ratio >= 0) || ratio > OperationMix.MAX_PER_MESSAGE) {
                throw new IllegalArgumentException("--" + key + " must be a number from 0 to "
                        + (int) OperationMix.MAX_PER_MESSAGE + ", got '" + text + "'");
            }
            mix = mix.with(kind, ratio);
        }
        return mix;
    }

    private static List<Long> pids(String text) {
        List<Long> pids = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                try {
                    pids.add(Long.parseLong(part.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("--presence-pid takes process ids, got '" + part + "'");
                }
            }
        }
        return List.copyOf(pids);
    }

    private static String randomRunId() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder id = new StringBuilder();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 6; i++) {
            id.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return id.toString();
    }
}
