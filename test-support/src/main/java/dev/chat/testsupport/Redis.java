package dev.chat.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** The Redis server of the machine (CHAT_REDIS_HOST/PORT, default 127.0.0.1:6379). */
public final class Redis {

    public static final String HOST = Postgres.env("CHAT_REDIS_HOST", "127.0.0.1");
    public static final int PORT = Integer.parseInt(Postgres.env("CHAT_REDIS_PORT", "6379"));

    private Redis() {
    }

    /** Fails with a clear message when no Redis answers PING. */
    public static void requireRunning() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(HOST, PORT), 2000);
            s.setSoTimeout(2000);
            OutputStream out = s.getOutputStream();
            out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            byte[] buf = new byte[7];
            int n = in.readNBytes(buf, 0, 7);
            if (!new String(buf, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG")) {
                throw new IOException("unexpected answer to PING");
            }
        } catch (IOException e) {
            throw new IllegalStateException("Redis at " + HOST + ":" + PORT
                    + " is needed for this test (start it with ./chat up, or set CHAT_REDIS_HOST/PORT)", e);
        }
    }
}
