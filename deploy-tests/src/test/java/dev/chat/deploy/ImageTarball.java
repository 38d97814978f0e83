package dev.chat.deploy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;

/**
 * A Docker-format image tarball as {@code jib:buildTar} writes it: manifest.json, config.json and one gzipped tar
 * per layer. Read with a small tar reader (ustar headers plus the PAX records Jib uses for long paths).
 */
record ImageTarball(JsonNode manifest, JsonNode config, List<Map<String, Entry>> layers) {

    /** A file in a layer: its mode and, for small files, its bytes. */
    record Entry(String path, int mode, char type, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    static Path of(String service) {
        return Repo.ROOT.resolve(service + "-service/target/jib-image.tar");
    }

    static ImageTarball read(Path tarball) {
        try (InputStream in = Files.newInputStream(tarball)) {
            Map<String, Entry> files = entries(in, Long.MAX_VALUE, false);
            JsonNode manifest = Yamls.JSON.readTree(files.get("manifest.json").content()).get(0);
            JsonNode config = Yamls.JSON.readTree(files.get(manifest.get("Config").asString()).content());
            List<Map<String, Entry>> layers = new ArrayList<>();
            for (JsonNode layer : manifest.get("Layers")) {
                byte[] gz = files.get(layer.asString()).content();
                layers.add(entries(new GZIPInputStream(new ByteArrayInputStream(gz)), 8 << 20, true));
            }
            return new ImageTarball(manifest, config, layers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file at an absolute path in the image (upper layers win), or null. */
    Entry file(String path) {
        Entry found = null;
        for (Map<String, Entry> layer : layers) {
            Entry entry = layer.get(path);
            if (entry != null) found = entry;
        }
        return found;
    }

    /** Every path of the image. */
    List<String> paths() {
        return layers.stream().flatMap(layer -> layer.keySet().stream()).toList();
    }

    /** Entries by path (absolute in a layer, as named at the top level); contents kept up to maxContent bytes. */
    private static Map<String, Entry> entries(InputStream in, long maxContent, boolean layer) throws IOException {
        Map<String, Entry> out = new LinkedHashMap<>();
        String paxPath = null;
        while (true) {
            byte[] header = in.readNBytes(512);
            if (header.length < 512 || header[0] == 0) return out;
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            int mode = (int) octal(header, 100, 8);
            long size = octal(header, 124, 12);
            char type = (char) header[156];
            byte[] content = size <= maxContent ? in.readNBytes((int) size) : skip(in, size);
            in.skipNBytes((512 - size % 512) % 512);
            if (type == 'x') {
                paxPath = paxPath(new String(content, StandardCharsets.UTF_8));
                continue;
            }
            String path = paxPath != null ? paxPath : prefix.isEmpty() ? name : prefix + "/" + name;
            paxPath = null;
            if (path.startsWith("./")) path = path.substring(2);
            if (path.endsWith("/")) path = path.substring(0, path.length() - 1);
            if (layer) path = "/" + path;
            out.put(path, new Entry(path, mode & 07777, type, content));
        }
    }

    private static byte[] skip(InputStream in, long size) throws IOException {
        in.skipNBytes(size);
        return new byte[0];
    }

    private static String paxPath(String records) {
        for (String record : records.split("\n")) {
            int at = record.indexOf(" path=");
            if (at >= 0) return record.substring(at + " path=".length());
        }
        return null;
    }

    private static String field(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) end++;
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
        String digits = field(header, offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }
}
