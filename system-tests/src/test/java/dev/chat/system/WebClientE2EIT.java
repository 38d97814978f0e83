package dev.chat.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web client end to end: its Playwright suite (web-client/e2e, node:test + playwright-core driving Debian's
 * Chromium) against this stack, through the gateway that serves the app. Two users register, find each other and
 * chat live; a group of three; a message sent while a receiver is offline arrives once, in order, after it
 * reconnects; a failed send is retried once; the theme survives a reload. Screenshots of every screen in both
 * themes land in web-client/target/screenshots.
 */
class WebClientE2EIT {

    @Test
    void theBrowserSuitePassesAgainstTheWholeStack() throws Exception {
        Stack stack = Stack.shared();
        Path webClient = stack.root().resolve("web-client");
        Path log = Path.of("target", "web-client-e2e.log").toAbsolutePath();
        Files.createDirectories(log.getParent());
        var command = new ProcessBuilder("npm", "run", "e2e").directory(webClient.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        command.environment().put("CHAT_BASE_URL", stack.gatewayUrl());
        command.environment().put("CHAT_SCREENSHOTS", webClient.resolve("target/screenshots").toString());
        Process suite = command.start();

        // A guard against a hung browser, not a timed assertion: the suite takes about a minute.
        boolean finished = suite.waitFor(20, TimeUnit.MINUTES);
        if (!finished) {
            suite.descendants().forEach(ProcessHandle::destroyForcibly);
            suite.destroyForcibly();
        }

        assertThat(finished && suite.exitValue() == 0)
                .as("npm run e2e in %s (full output: %s):%n%s", webClient, log, tail(log, 120))
                .isTrue();
    }

    private static String tail(Path log, int lines) throws Exception {
        List<String> all = Files.readAllLines(log);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
