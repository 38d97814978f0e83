package dev.chat.bench;

import java.util.Arrays;

/**
 * Entry point of {@code java -jar bench/target/bench.jar}: a load generator that drives a running stack only
 * through its gateway, as clients would. Exit 0 = ran clean, 1 = lost/duplicated/misrouted deliveries (or idle
 * sockets that did not stay open, or in overload mode a watched process that died), 2 = bad options, 3 = setup
 * failed.
 */
public final class Bench {

    private Bench() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
            System.out.print(BenchOptions.usage());
            return 0;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage() + " (see --help)");
            return 2;
        }
        try {
            if (options.idleSockets() > 0) {
                return new IdleSocketsRun(options).run();
            }
            return options.mode().equals("overload") ? new OverloadRun(options).run() : new LoadRun(options).run();
        } catch (SetupException e) {
            System.err.println("bench: setup failed: " + e.getMessage());
            return 3;
        }
    }
}
