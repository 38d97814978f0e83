package dev.chat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Resident set size from {@code /proc/<pid>/status} (VmRSS, KiB), summed over the given processes. */
final class ProcessRss {

    private ProcessRss() {
    }

    /** KiB, or -1 when a process is gone or /proc is not there (the caller says so). */
    static long kib(List<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            long one = kib(Path.of("/proc", Long.toString(pid), "status"));
            if (one < 0) {
                return -1;
            }
            total += one;
        }
        return total;
    }

    static long kib(Path status) {
        try {
            return parseVmRss(Files.readAllLines(status));
        } catch (IOException e) {
            return -1;
        }
    }

    static long parseVmRss(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]);
            }
        }
        return -1;
    }
}
