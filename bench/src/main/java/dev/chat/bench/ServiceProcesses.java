package dev.chat.bench;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The stack's processes during an overload run: which they are (--pids), the highest VmRSS each reached in
 * each column of the report (before the run, each phase, the drain), and whether each one is still the same
 * live process at the end. A process is identified by pid plus its start time from {@code /proc/<pid>/stat},
 * so a recycled pid does not pass for a survivor.
 */
final class ServiceProcesses {

    /** One watched process; {@code startTicks} is field 22 of /proc/pid/stat, -1 if unknown. */
    record Watched(String name, long pid, long startTicks) {}

    /** What --pids resolved to, and what it skipped and why. */
    record Resolution(List<Watched> processes, List<String> notes) {}

    private static final Path PROC = Path.of("/proc");

    private final List<Watched> processes;
    private final int columns;
    private final AtomicLongArray maxKib;
    private final AtomicIntegerArray goneIn;

    ServiceProcesses(List<Watched> processes, int columns) {
        this.processes = List.copyOf(processes);
        this.columns = columns;
        this.maxKib = new AtomicLongArray(processes.size() * columns);
        this.goneIn = new AtomicIntegerArray(processes.size());
        for (int i = 0; i < processes.size(); i++) {
            goneIn.set(i, -1);
            for (int c = 0; c < columns; c++) {
                maxKib.set(i * columns + c, -1);
            }
        }
    }

    List<Watched> processes() {
        return processes;
    }

    /** Checks a --pids value at parse time: name=pid pairs must be well-formed; a directory is checked at run time. */
    static void validate(String spec) {
        if (spec.contains("=")) {
            parsePairs(spec);
        }
    }

    static Map<String, Long> parsePairs(String spec) {
        Map<String, Long> result = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? "" : part.substring(0, eq).strip();
            try {
                if (name.isEmpty()) {
                    throw new NumberFormatException();
                }
                long pid = Long.parseLong(part.substring(eq + 1).strip());
                if (pid <= 0) {
                    throw new NumberFormatException();
                }
                if (result.put(name, pid) != null) {
                    throw new IllegalArgumentException("--pids names " + name + " twice");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--pids takes name=pid,... (or a directory, auto, none), got '"
                        + part.strip() + "'");
            }
        }
        return result;
    }

    /**
     * Resolves --pids: name=pid pairs (each must be running), a directory of {@code <name>.pid} files as
     * {@code ./chat up} writes them (a file whose process lacks the {@code -Dchat.name=<name>} marker is stale
     * and skipped, as {@code ./chat} does), {@code auto} = {@code <checkout>/run/pids}, or none.
     */
    static Resolution resolve(String spec, Path checkout) {
        List<Watched> found = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        if (spec.isEmpty() || spec.equals("none")) {
            return new Resolution(found, notes);
        }
        if (spec.contains("=")) {
            parsePairs(spec).forEach((name, pid) -> {
                long start = startTicks(pid);
                if (start < 0) {
                    throw new SetupException("--pids: " + name + "=" + pid + " is not a running process");
                }
                found.add(new Watched(name, pid, start));
            });
            return new Resolution(found, notes);
        }
        Path dir = spec.equals("auto") ? (checkout == null ? null : checkout.resolve("run/pids")) : Path.of(spec);
        if (dir == null || !Files.isDirectory(dir)) {
            if (spec.equals("auto")) {
                notes.add("no " + (dir == null ? "run/pids" : dir) + " (is the stack up with ./chat up?): memory not "
                        + "sampled; give --pids name=pid,...");
                return new Resolution(found, notes);
            }
            throw new SetupException("--pids " + spec + ": not a directory of <name>.pid files");
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.pid")) {
            stream.forEach(files::add);
        } catch (IOException e) {
            throw new SetupException("--pids: cannot list " + dir + ": " + e);
        }
        files.sort(null);
        for (Path file : files) {
            String name = file.getFileName().toString().replaceFirst("\\.pid$", "");
            long pid;
            try {
                pid = Long.parseLong(Files.readString(file).strip());
            } catch (IOException | NumberFormatException e) {
                notes.add(file + ": no pid in it, skipped");
                continue;
            }
            long start = startTicks(pid);
            if (start < 0 || !hasMarker(readCmdline(pid), name)) {
                notes.add(name + ": " + file + " is stale (pid " + pid + " is not our " + name + "), skipped");
                continue;
            }
            found.add(new Watched(name, pid, start));
        }
        if (found.isEmpty()) {
            notes.add("no live process in " + dir + ": memory not sampled");
        }
        return new Resolution(found, notes);
    }

    /** {@code <checkout>} when bench runs from {@code <checkout>/bench/target/bench.jar} (or target/classes). */
    static Path checkoutOfThisJar() {
        try {
            Path location = Path.of(ServiceProcesses.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = location.getParent();
            Path module = target == null ? null : target.getParent();
            return module == null ? null : module.getParent();
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** Samples every process's VmRSS into report column {@code column}; a process gone is marked gone. */
    void sample(int column) {
        for (int i = 0; i < processes.size(); i++) {
            Watched process = processes.get(i);
            long kib = ProcessRss.kib(PROC.resolve(Long.toString(process.pid())).resolve("status"));
            if (kib < 0 || !alive(process)) {
                goneIn.compareAndSet(i, -1, column);
                continue;
            }
            record(i, column, kib);
        }
    }

    void record(int process, int column, long kib) {
        maxKib.accumulateAndGet(process * columns + column, kib, Math::max);
    }

    void markGone(int process, int column) {
        goneIn.compareAndSet(process, -1, column);
    }

    /** Highest VmRSS seen in the column, KiB; -1 if no sample. */
    long maxKib(int process, int column) {
        return maxKib.get(process * columns + column);
    }

    /** The first column whose sample found the process gone, -1 while it lives. */
    int goneIn(int process) {
        return goneIn.get(process);
    }

    /** Same pid, same start time, not a zombie. */
    static boolean alive(Watched process) {
        String stat = readStat(process.pid());
        if (stat == null) {
            return false;
        }
        char state = parseState(stat);
        return state != 'Z' && state != 'X' && (process.startTicks() < 0 || parseStartTicks(stat) == process.startTicks());
    }

    static long startTicks(long pid) {
        String stat = readStat(pid);
        return stat == null ? -1 : parseStartTicks(stat);
    }

    /** Field 3 of /proc/pid/stat (the command name in field 2 may hold spaces and parentheses). */
    static char parseState(String stat) {
        String[] fields = afterCommand(stat);
        return fields.length > 0 && !fields[0].isEmpty() ? fields[0].charAt(0) : '?';
    }

    /** Field 22 of /proc/pid/stat: start time since boot, in clock ticks; -1 if unreadable. */
    static long parseStartTicks(String stat) {
        String[] fields = afterCommand(stat);
        try {
            return fields.length > 19 ? Long.parseLong(fields[19]) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String[] afterCommand(String stat) {
        int close = stat.lastIndexOf(')');
        return close < 0 ? new String[0] : stat.substring(close + 1).strip().split("\\s+");
    }

    /** True if one argument of the NUL-separated command line is {@code -Dchat.name=<name>}. */
    static boolean hasMarker(byte[] cmdline, String name) {
        if (cmdline == null) {
            return false;
        }
        String marker = "-Dchat.name=" + name;
        for (String arg : new String(cmdline, StandardCharsets.UTF_8).split("\0")) {
            if (arg.equals(marker)) {
                return true;
            }
        }
        return false;
    }

    private static String readStat(long pid) {
        try {
            return Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static byte[] readCmdline(long pid) {
        try {
            return Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
