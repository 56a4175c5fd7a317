package com.envoyx.contracts.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureCausesTest {

    @Test
    void aMatchDeepInTheCauseChainIsFound() {
        Throwable failure = new CompletionException(new IllegalStateException("session",
                new IllegalArgumentException("the one")));
        assertTrue(FailureCauses.anyMatch(failure, IllegalArgumentException.class::isInstance));
    }

    @Test
    void aMatchKeptAsASuppressedFailureIsFound() {
        IllegalStateException first = new IllegalStateException("rollback failed");
        first.addSuppressed(new CompletionException(new IllegalArgumentException("the one")));
        assertTrue(FailureCauses.anyMatch(first, IllegalArgumentException.class::isInstance));
    }

    @Test
    void aCyclicCauseGraphEnds() {
        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second", first);
        first.addSuppressed(second);
        assertFalse(FailureCauses.anyMatch(second, IllegalArgumentException.class::isInstance));
    }

    /** A real reset: the peer closes with SO_LINGER 0, so the kernel answers our read with RST. */
    @Test
    void aConnectionResetByThePeerIsABrokenConnection() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            try (SocketChannel client = SocketChannel.open(server.getLocalAddress())) {
                try (SocketChannel peer = server.accept()) {
                    peer.setOption(StandardSocketOptions.SO_LINGER, 0);
                }
                IOException reset = assertThrows(IOException.class, () -> {
                    ByteBuffer buffer = ByteBuffer.allocate(16);
                    while (client.read(buffer) >= 0) {
                        buffer.clear();
                    }
                    throw new AssertionError("the peer's reset was read as an orderly end of stream");
                });
                assertTrue(FailureCauses.isBrokenConnection(reset), reset.toString());
                assertTrue(FailureCauses.anyMatch(new CompletionException(reset), FailureCauses::isBrokenConnection));
            }
        }
    }

    @Test
    void aFileThatCannotBeReadIsNotABrokenConnection(@TempDir Path directory) throws IOException {
        IOException missing = assertThrows(IOException.class, () -> Files.readAllBytes(directory.resolve("absent")));
        assertFalse(FailureCauses.isBrokenConnection(missing), missing.toString());
        assertFalse(FailureCauses.anyMatch(new UncheckedIOException(missing), FailureCauses::isBrokenConnection));
        // Reading a directory through a FileChannel fails inside sun.nio.ch, as a socket read does.
        try (FileChannel channel = FileChannel.open(directory)) {
            IOException notAFile = assertThrows(IOException.class, () -> channel.read(ByteBuffer.allocate(16)));
            assertFalse(FailureCauses.isBrokenConnection(notAFile), notAFile.toString());
        }
    }
}
