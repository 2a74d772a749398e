package dev.comet.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The bounded read stops one byte past the limit, however much the stream would give. */
class ProofFileReadTest {
    /** Zeros without end, like /dev/zero, counting what was taken. */
    private static final class Endless extends InputStream {
        long taken;

        @Override
        public int read() {
            taken++;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            taken += len;
            return len;
        }
    }

    @Test
    void readsAtMostOneByteMoreThanTheLimit() throws IOException {
        Endless in = new Endless();
        assertEquals(1001, ProofFile.readAtMost(in, 1000).length);
        assertEquals(1001, in.taken);
    }

    @Test
    void shortStreamIsReadWhole() throws IOException {
        byte[] bytes = ProofFile.readAtMost(new java.io.ByteArrayInputStream(new byte[10]), 1000);
        assertEquals(10, bytes.length);
    }
}
