package dev.sluice.server.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A slow client on a real socket: sends a request's head, then its body one byte every 50 ms on a
 * thread of its own, and stops as soon as the server has answered. For the overload tests.
 */
final class Trickler {
    private final Socket socket;
    private final Thread writer;
    private final AtomicInteger sent = new AtomicInteger();

    private Trickler(Socket socket, String head, int bodyBytes) {
        this.socket = socket;
        this.writer = new Thread(() -> trickle(head, bodyBytes), "trickler");
        writer.setDaemon(true);
    }

    static Trickler start(int port, String head, int bodyBytes) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(60_000);
        Trickler trickler = new Trickler(socket, head, bodyBytes);
        trickler.writer.start();
        return trickler;
    }

    private void trickle(String head, int bodyBytes) {
        try {
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(head.getBytes(StandardCharsets.UTF_8));
            out.flush();
            // Stop writing once the answer is there: writing to a closed connection resets it, and a reset
            // throws away the answer the test wants to read.
            while (sent.get() < bodyBytes && in.available() == 0) {
                out.write(sent.get() == 0 ? '{' : ' ');
                out.flush();
                sent.incrementAndGet();
                Thread.sleep(50);
            }
        } catch (IOException | InterruptedException e) {
            // The server closed the connection: the answer is read by answer().
        }
    }

    /** The server's whole answer (it closes the connection); closes the socket. */
    String answer() throws IOException, InterruptedException {
        try (socket) {
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            writer.join();
            return answer;
        }
    }

    int sent() {
        return sent.get();
    }
}
