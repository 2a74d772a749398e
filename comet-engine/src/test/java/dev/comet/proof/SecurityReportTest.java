package dev.comet.proof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SecurityReportTest {
    /** Winterfell's parameterisation: 64-bit base field, max degree bounded by blowup + 1, two openings. */
    private static SecurityReport winterfell(int degree, int logLength, int logBlowup, int queries, int grinding,
                                             int folding) {
        double n = Math.scalb(1.0, logLength);
        double deepDegree = ((1 << logBlowup) + 1) * (n + 1) + (n - 1);
        return SecurityReport.of(new SecurityReport.Parameters(64.0 * degree, logLength, logBlowup, queries, grinding,
                folding, 128, deepDegree, 2, 0, -1, 1, 128));
    }

    @Test
    void provenFiguresMatchPublishedVectors() {
        // Test vectors of Winterfell's ProvenSecurity (air/src/proof/security.rs).
        SecurityReport quadratic = winterfell(2, 20, 2, 119, 20, 2);
        assertEquals(100, quadratic.provenUniqueDecoding().bits());
        assertEquals(69, quadratic.provenListDecoding().bits());
        assertEquals(69, winterfell(2, 20, 2, 150, 20, 2).provenListDecoding().bits());
        assertEquals(100, winterfell(3, 20, 2, 81, 20, 2).provenListDecoding().bits());
        assertEquals(116, winterfell(2, 8, 3, 123, 16, 2).provenUniqueDecoding().bits());
        assertEquals(115, winterfell(2, 8, 3, 123, 16, 4).provenUniqueDecoding().bits());
    }

    @Test
    void weakOptionsReachTheConjecturedMinimumButNotTheProvenOne() {
        ProofOptions weak = new ProofOptions(1, 100, 88, 0, 2, 8, 32, ProofOptions.standard().hash());
        SecurityReport report = SecurityReport.of(weak, AirShape.single(16, 3, 2, 0, -1));
        assertEquals(100, report.conjectured().bits());
        assertTrue(report.proven().bits() < 50, report.proven().toString());
    }

    /** With 40 LogUp fractions per row, as a training AIR with a few features has. */
    @Test
    void presetsReachTheirFigures() {
        for (int logLength = 3; logLength <= 24; logLength++) {
            AirShape shape = AirShape.single(logLength, 3, 2, 40, logLength - 2);
            SecurityReport standard = SecurityReport.of(ProofOptions.standard(), shape);
            SecurityReport high = SecurityReport.of(ProofOptions.high(), shape);
            SecurityReport chain = SecurityReport.of(ProofOptions.chain(), shape);
            SecurityReport proven = SecurityReport.of(ProofOptions.proven(), shape);
            if (logLength <= 22) {
                assertTrue(standard.bits() >= 100, logLength + ": " + standard);
            } else {
                assertTrue(standard.bits() < 100 && standard.conjectured().weakest().name().equals("LogUp"),
                        logLength + ": " + standard);
            }
            assertTrue(high.bits() >= 128, logLength + ": " + high);
            if (logLength <= 22) {
                assertTrue(chain.bits() >= 100, logLength + ": " + chain);
            }
            assertTrue(proven.proven().bits() >= 100, logLength + ": " + proven.proven());
            assertTrue(proven.bits() >= 100, logLength + ": " + proven);
        }
    }

    @Test
    void dataOpeningsBindAtUnderOneBitEach() {
        AirShape shape = AirShape.single(16, 3, 2, 0, 10);
        double binding = SecurityReport.of(ProofOptions.standard(), shape).conjectured().termList().stream()
                .filter(t -> t.name().equals("dataset binding")).findFirst().orElseThrow().bits();
        assertEquals(88 * (Math.log(32.0 / 17) / Math.log(2)) + 20, binding, 1e-9);
    }
}
