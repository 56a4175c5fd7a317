package com.envoyx.ratelimit.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.eclipse.microprofile.config.ConfigProvider;

/** Sends one inline command to the Redis the service uses and returns the first reply line. */
public final class RedisProbe {

    private RedisProbe() {
    }

    public static String command(String... words) {
        URI uri = URI.create(ConfigProvider.getConfig().getValue("quarkus.redis.hosts", String.class).split(",")[0]);
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
            for (String word : words) {
                request.append('$').append(word.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(word).append("\r\n");
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line = in.readLine();
            if (line != null && line.startsWith("$") && !line.equals("$-1")) {
                return in.readLine();
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String keyPrefix() {
        return ConfigProvider.getConfig().getValue("envoyx.redis.key-prefix", String.class);
    }
}
