package dev.comet.air;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.field.ExtensionField;
import dev.comet.field.Goldilocks;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConstraintTest {
    @Test
    void degreesFollowTheExpression() {
        Expr x = Expr.main(0);
        assertEquals(3, x.pow(3).degree());
        assertEquals(7, x.pow(7).degree());
        assertEquals(1, x.plus(Expr.periodic(0)).degree());
        assertEquals(1, Expr.challenge(0).times(x).degree());
        assertEquals(0, Expr.constant(5).times(Expr.challenge(1)).degree());
        assertTrue(Expr.aux(0).plus(x).isExtension());
        assertFalse(x.times(Expr.periodic(0)).isExtension());
    }

    @Test
    void declaredDegreeMayNotUnderstateTheExpression() {
        Expr cube = Expr.main(0).pow(3);
        assertThrows(IllegalArgumentException.class,
                () -> new Constraint("c", cube, ConstraintDomain.TRANSITION, 2));
        assertEquals(4, new Constraint("c", cube, ConstraintDomain.TRANSITION, 4).degree());
    }

    @Test
    void framesMayNotReachPastWhatTheDomainAllows() {
        Expr twoAhead = new Expr.MainCell(0, 2).minus(Expr.main(0));
        assertThrows(IllegalArgumentException.class, () -> Constraint.transition("skip", twoAhead));
        assertThrows(IllegalArgumentException.class, () -> Constraint.atRow("boundary", 0, Expr.mainNext(0)));
        assertEquals(3, Constraint.everyRow("wraps", twoAhead).expr().maxRowOffset() + 1);
    }

    @Test
    void singleRowMustLieInTheTrace() {
        List<Constraint> c = List.of(Constraint.assertion("late", 0, 16, 1));
        assertThrows(IllegalArgumentException.class, () -> CompositionLayout.of(c, 16));
        assertEquals(1, CompositionLayout.of(c, 32).numColumns());
    }

    @Test
    void compositionLayoutCountsColumnsFromQuotientDegrees() {
        int n = 64;
        assertEquals(1, CompositionLayout.of(List.of(Constraint.transition("lin", Expr.mainNext(0).minus(Expr.main(0)))), n).numColumns());
        assertEquals(2, CompositionLayout.of(List.of(Constraint.transition("cube", Expr.mainNext(0).minus(Expr.main(0).pow(3)))), n).numColumns());
        CompositionLayout quartic = CompositionLayout.of(List.of(Constraint.transition("q", Expr.main(0).pow(4))), n);
        assertEquals(3, quartic.numColumns());
        assertEquals(2, quartic.logEvaluationBlowup());
    }

    @Test
    void compiledProgramSharesSubexpressionsAndEvaluates() {
        Expr x = Expr.main(0);
        Expr cube = x.pow(3);
        List<Constraint> cs = List.of(Constraint.transition("a", Expr.mainNext(0).minus(cube)),
                Constraint.everyRow("b", cube.plus(Expr.periodic(0)).times(Expr.challenge(0))));
        ConstraintProgram program = ConstraintProgram.compile(cs);
        // x, x*x, x*x*x, next, next - cube, periodic, cube + periodic, challenge, product
        assertEquals(9, program.size());
        ExtensionField ext = ExtensionField.ofDegree(2);
        long[][][] main = {{{5, 0}}, {{126, 0}}};
        long[] challenge = {3, 4};
        long[][] values = program.evaluateAt(ext, main, new long[2][0][], new long[0][], new long[][] {{1, 0}},
                List.of(challenge), null);
        assertArrayEquals(new long[] {1, 0}, values[0]);
        assertArrayEquals(ext.mul(new long[] {126, 0}, challenge), values[1]);
    }

    @Test
    void zerofiersVanishExactlyOnTheirRows() {
        int n = 8;
        ExtensionField ext = ExtensionField.ofDegree(2);
        long g = Goldilocks.rootOfUnity(3);
        for (int row = 0; row < n; row++) {
            long[] x = ext.fromBase(Goldilocks.pow(g, row));
            assertTrue(ext.isZero(Zerofiers.at(ConstraintDomain.EVERY_ROW, n, ext, x)));
            assertEquals(row == 3, ext.isZero(Zerofiers.at(new ConstraintDomain.SingleRow(3), n, ext, x)));
        }
        long[] outside = {11, 13};
        assertFalse(ext.isZero(Zerofiers.at(ConstraintDomain.TRANSITION, n, ext, outside)));
    }
}
