package dev.chat.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        boolean help) {

    /** key, default, description: the order --help prints them in. */
    private static final String[][] SPEC = {
        {"url", "http://127.0.0.1:8080", "gateway base URL; the WebSocket is <url>/ws (http->ws, https->wss)"},
        {"mode", "dm", "dm: users/2 direct conversations; group: users/group-size groups"},
        {"users", "100", "users to register, log in and connect (one socket each)"},
        {"group-size", "10", "members per group conversation (--mode group), the creator included"},
        {"rate", "100", "messages per second in total, open loop (fixed schedule, never waits for replies)"},
        {"warmup", "10s", "warm-up at the target rate: checked for loss, not timed"},
        {"duration", "30s", "measured phase"},
        {"drain", "10s", "after the last send, how long to wait for straggling frames"},
        {"concurrency", "64", "max HTTP/1.1 sends in flight (= connections) during the run"},
        {"setup-concurrency", "8", "parallel requests during setup (register/login are bcrypt-bound)"},
        {"request-timeout", "10s", "timeout of one HTTP request"},
        {"setup-timeout", "60s", "how long setup waits for membership to propagate and for welcome frames"},
        {"ping-interval", "25s", "application ping on every socket (0 = off)"},
        {"run-id", "<random>", "prefix of the user names (lowercase letters/digits); same id again = log in, not register"},
        {"seed", "<random>", "seed of the conversation/sender choice"},
        {"idle-sockets", "0", "K > 0: idle mode: open K authenticated sockets (over --users users), hold, report"},
        {"hold", "60s", "idle mode: how long to hold the sockets open"},
        {"presence-pid", "", "idle mode: presence process id(s), comma separated: print their VmRSS before/after"},
    };

    static BenchOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] spec : SPEC) {
            values.put(spec[0], spec[1]);
        }
        boolean help = false;
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
        }

        String mode = values.get("mode").toLowerCase(Locale.ROOT);
        if (!mode.equals("dm") && !mode.equals("group")) {
            throw new IllegalArgumentException("--mode must be dm or group, got '" + mode + "'");
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

        BenchOptions options = new BenchOptions(
                uri,
                mode,
                positiveInt(values, "users", 2),
                positiveInt(values, "group-size", 2),
                positiveDouble(values, "rate"),
                duration(values, "warmup"),
                duration(values, "duration"),
                duration(values, "drain"),
                positiveInt(values, "concurrency", 1),
                positiveInt(values, "setup-concurrency", 1),
                duration(values, "request-timeout"),
                duration(values, "setup-timeout"),
                duration(values, "ping-interval"),
                runId,
                seed.equals("<random>") ? ThreadLocalRandom.current().nextLong() : Long.parseLong(seed),
                nonNegativeInt(values, "idle-sockets"),
                duration(values, "hold"),
                pids(values.get("presence-pid")),
                help);
        if (options.idleSockets() == 0) {
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
        }
        return options;
    }

    static String usage() {
        StringBuilder out = new StringBuilder("""
                usage: java -jar bench/target/bench.jar [--key value ...]

                Load mode (default): registers users, creates conversations, opens one WebSocket per user through
                the gateway, sends messages open-loop at --rate and times each push from its scheduled send time.
                Idle mode (--idle-sockets K): opens K idle authenticated sockets and holds them (presence memory).
                Durations: 500ms, 10s, 2m or a plain number of seconds. Exit: 0 ok, 1 lost/duplicated/misrouted
                frames (or idle sockets that did not stay open), 2 bad options, 3 setup failed (stack not reachable).

                options:
                """);
        for (String[] spec : SPEC) {
            out.append(String.format("  --%-18s %-22s %s%n", spec[0], spec[1].isEmpty() ? "(none)" : spec[1], spec[2]));
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
