import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.envoyx.contracts.auth.v1.ExchangeRequest;
import com.envoyx.contracts.auth.v1.ExchangeResponse;
import com.envoyx.contracts.auth.v1.KeyExchangeGrpc;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

/**
 * Exchange latency over gRPC for keys never exchanged before ("uncached": cold rows and plan)
 * and for one key exchanged again and again ("cached": warm), exchanges per second with
 * concurrent callers, and, for comparison in the same run, a plain indexed SELECT by key hash
 * on the same table over JDBC. Run through exchange-bench.sh; prints figures, asserts nothing.
 *
 * <p>Arguments: grpcHost grpcPort keysFile jdbcUrl jdbcUser jdbcPassword concurrency seconds.
 * Environment: ENVOYX_KEY_PEPPER, the service's pepper (to compute the same hash).
 */
public class ExchangeBench {

    private static final int WARM_ROUNDS = 2_000;

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        List<String> keys = Files.readAllLines(Path.of(args[2])).stream().filter(line -> !line.isBlank()).toList();
        String jdbcUrl = args[3];
        String jdbcUser = args[4];
        String jdbcPassword = args[5];
        int concurrency = Integer.parseInt(args[6]);
        int seconds = Integer.parseInt(args[7]);

        ManagedChannel channel = ManagedChannelBuilder.forAddress(host, port).usePlaintext().build();
        KeyExchangeGrpc.KeyExchangeBlockingStub stub = KeyExchangeGrpc.newBlockingStub(channel);
        String warmKey = keys.get(0);
        for (int i = 0; i < 200; i++) {
            exchange(stub, warmKey);
        }

        long[] uncached = new long[keys.size() - 1];
        for (int i = 1; i < keys.size(); i++) {
            String fresh = keys.get(i);
            uncached[i - 1] = timed(() -> exchange(stub, fresh));
        }
        long[] cached = new long[WARM_ROUNDS];
        for (int i = 0; i < WARM_ROUNDS; i++) {
            cached[i] = timed(() -> exchange(stub, warmKey));
        }
        long throughput = throughput(channel, warmKey, concurrency, seconds);

        long[] select = new long[WARM_ROUNDS];
        try (Connection db = DriverManager.getConnection(jdbcUrl, jdbcUser, jdbcPassword);
             PreparedStatement query = db.prepareStatement(
                     "SELECT id, account_id, revoked_at, expires_at FROM api_keys WHERE key_hash = ?")) {
            byte[] hash = hash(warmKey);
            for (int i = 0; i < 200; i++) {
                run(query, hash);
            }
            for (int i = 0; i < WARM_ROUNDS; i++) {
                select[i] = timed(() -> run(query, hash));
            }
        }
        channel.shutdownNow();

        System.out.printf("exchange, uncached key (%d keys)   p50 %6.3f ms   p99 %6.3f ms%n",
                uncached.length, percentile(uncached, 50), percentile(uncached, 99));
        System.out.printf("exchange, cached key (%d calls)   p50 %6.3f ms   p99 %6.3f ms%n",
                cached.length, percentile(cached, 50), percentile(cached, 99));
        System.out.printf("exchange throughput, %d callers, %d s   %d exchanges/s%n", concurrency, seconds,
                throughput / seconds);
        System.out.printf("plain indexed SELECT by key_hash (JDBC)  p50 %6.3f ms   p99 %6.3f ms%n",
                percentile(select, 50), percentile(select, 99));
    }

    private static long throughput(ManagedChannel channel, String key, int concurrency, int seconds)
            throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong done = new AtomicLong();
        ExecutorService callers = Executors.newFixedThreadPool(concurrency);
        for (int i = 0; i < concurrency; i++) {
            callers.submit(() -> {
                KeyExchangeGrpc.KeyExchangeBlockingStub stub = KeyExchangeGrpc.newBlockingStub(channel);
                while (running.get()) {
                    exchange(stub, key);
                    done.incrementAndGet();
                }
            });
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        callers.shutdown();
        callers.awaitTermination(10, TimeUnit.SECONDS);
        return done.get();
    }

    private static void exchange(KeyExchangeGrpc.KeyExchangeBlockingStub stub, String key) {
        ExchangeResponse response = stub.exchange(ExchangeRequest.newBuilder().setApiKey(key).build());
        if (!response.hasToken()) {
            throw new IllegalStateException("exchange refused: " + response.getRejection());
        }
    }

    private static void run(PreparedStatement query, byte[] hash) {
        try {
            query.setBytes(1, hash);
            try (ResultSet rows = query.executeQuery()) {
                if (!rows.next()) {
                    throw new IllegalStateException("key not found by its hash; is ENVOYX_KEY_PEPPER the service's?");
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hash(String key) throws Exception {
        String pepper = System.getenv("ENVOYX_KEY_PEPPER");
        if (pepper == null || pepper.isEmpty()) {
            throw new IllegalStateException("set ENVOYX_KEY_PEPPER to the service's pepper (the launcher prints the file it keeps it in)");
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(key.getBytes(StandardCharsets.UTF_8));
    }

    private static long timed(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return System.nanoTime() - start;
    }

    private static double percentile(long[] nanos, int percent) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }
}
