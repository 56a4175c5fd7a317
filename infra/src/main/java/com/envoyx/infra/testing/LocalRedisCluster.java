package com.envoyx.infra.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.envoyx.infra.Directories;
import com.envoyx.infra.Ports;

/**
 * A real Redis Cluster of masters without replicas, started from the machine's {@code redis-server}
 * as child processes on free loopback ports, created with {@code redis-cli --cluster create}.
 * {@link #close()} kills every node and fails when one survives, so a test run leaves nothing behind.
 */
public final class LocalRedisCluster implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofSeconds(30);

    private final Path dir;
    private final List<Integer> ports = new ArrayList<>();
    private final List<Process> nodes = new ArrayList<>();
    private final Thread killOnExit = new Thread(this::kill, "redis-cluster-kill");

    private LocalRedisCluster(Path dir) {
        this.dir = dir;
    }

    public static LocalRedisCluster start(int masters) {
        String server = executable("redis-server");
        String cli = executable("redis-cli");
        LocalRedisCluster cluster;
        try {
            cluster = new LocalRedisCluster(Files.createTempDirectory("envoyx-redis-cluster"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(cluster.killOnExit);
        try {
            for (int i = 0; i < masters; i++) {
                cluster.startNode(server);
            }
            cluster.create(cli);
            cluster.awaitState("cluster_state:ok");
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    public List<Integer> ports() {
        return List.copyOf(ports);
    }

    public List<Long> pids() {
        return nodes.stream().map(Process::pid).toList();
    }

    /** Comma-separated {@code redis://} URLs of every node, as {@code quarkus.redis.hosts} takes them. */
    public String hosts() {
        return String.join(",", ports.stream().map(port -> "redis://127.0.0.1:" + port).toList());
    }

    private void startNode(String server) {
        int port = Ports.freePort();
        ProcessBuilder builder = new ProcessBuilder(server,
                "--port", Integer.toString(port),
                "--bind", "127.0.0.1",
                "--cluster-enabled", "yes",
                "--cluster-config-file", dir.resolve("nodes-" + port + ".conf").toString(),
                "--dir", dir.toString(),
                "--save", "",
                "--appendonly", "no",
                "--daemonize", "no")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("redis-" + port + ".log").toFile());
        try {
            nodes.add(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + server, e);
        }
        ports.add(port);
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!Ports.answers("127.0.0.1", port, Duration.ofMillis(200))) {
            if (System.nanoTime() > deadline || !nodes.get(nodes.size() - 1).isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " did not start; see " + dir);
            }
            sleep(50);
        }
    }

    private void create(String cli) {
        List<String> command = new ArrayList<>(List.of(cli, "--cluster", "create"));
        ports.forEach(port -> command.add("127.0.0.1:" + port));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        String output = run(command);
        if (!output.contains("[OK] All 16384 slots covered")) {
            throw new IllegalStateException("redis-cli --cluster create failed:\n" + output);
        }
    }

    private void awaitState(String state) {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        for (int port : ports) {
            while (!cli(port, "CLUSTER", "INFO").contains(state)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("node " + port + " never reached " + state);
                }
                sleep(100);
            }
        }
    }

    /** Runs one command with {@code redis-cli} against one node (no redirects followed) and returns its output. */
    public static String cli(int port, String... args) {
        List<String> command = new ArrayList<>(List.of(executable("redis-cli"), "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        return run(command).trim();
    }

    /** The ports of every master, from {@code CLUSTER NODES} as any node sees it. */
    public static List<Integer> masters(int anyNodePort) {
        List<Integer> masters = new ArrayList<>();
        for (String line : cli(anyNodePort, "CLUSTER", "NODES").split("\n")) {
            String[] fields = line.trim().split(" ");
            if (fields[2].contains("master")) {
                masters.add(port(fields[1]));
            }
        }
        return masters;
    }

    /** The port of the master serving a slot, from {@code CLUSTER NODES} as any node sees it. */
    public static int masterOf(int anyNodePort, int slot) {
        for (String line : cli(anyNodePort, "CLUSTER", "NODES").split("\n")) {
            String[] fields = line.trim().split(" ");
            int port = port(fields[1]);
            for (int i = 8; i < fields.length; i++) {
                String[] range = fields[i].split("-");
                int from = Integer.parseInt(range[0]);
                int to = range.length > 1 ? Integer.parseInt(range[1]) : from;
                if (slot >= from && slot <= to) {
                    return port;
                }
            }
        }
        throw new IllegalStateException("slot " + slot + " is not served");
    }

    /** The port of a {@code CLUSTER NODES} address, {@code host:port@busport}. */
    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1, address.indexOf('@')));
    }

    /**
     * Kills the node on a port with SIGKILL, as a crash would, and waits until it is gone. Static
     * (the pid comes from the node's {@code INFO server}), because a test class may not see the
     * instance its test resource started.
     */
    public static void kill(int port) {
        String info = cli(port, "INFO", "server");
        long pid = info.lines().filter(line -> line.startsWith("process_id:"))
                .mapToLong(line -> Long.parseLong(line.substring("process_id:".length()).trim()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no process_id from node " + port + ": " + info));
        ProcessHandle node = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no process " + pid));
        node.destroyForcibly();
        try {
            node.onExit().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("redis-server " + pid + " on port " + port + " survived SIGKILL", e);
        }
    }

    /** Kills every node; fails when one is still alive afterwards. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // The JVM is exiting and runs the hook itself.
        }
        List<Long> survivors = nodes.stream().filter(Process::isAlive).map(Process::pid).toList();
        if (!survivors.isEmpty()) {
            throw new IllegalStateException("redis-server processes survived: " + survivors);
        }
        Directories.deleteRecursively(dir);
    }

    private void kill() {
        nodes.forEach(Process::destroy);
        for (Process node : nodes) {
            try {
                if (!node.waitFor(10, TimeUnit.SECONDS)) {
                    node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                node.destroyForcibly();
            }
        }
    }


    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + command);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The binary on the PATH; the Redis Cluster tests cannot run without it. */
    private static String executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            Path candidate = Path.of(directory, name);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException(name + " not found on the PATH (" + path + "): the Redis Cluster tests start a real "
                + "cluster from the machine's Redis 7 binaries; install them (e.g. apt-get install redis-server redis-tools)");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
