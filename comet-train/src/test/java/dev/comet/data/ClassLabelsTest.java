package dev.comet.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The documented order of classes: numeric for integers, by code point otherwise, never by row order. */
class ClassLabelsTest {
    @Test
    void integersAreOrderedAsNumbersInCanonicalForm() {
        ClassLabels c = ClassLabels.of(List.of("10", "9", "-1", "+9", "007", "10"));
        assertEquals(List.of("-1", "7", "9", "10"), c.labels());
        assertEquals(Optional.of(1), c.indexOf(" 07 "));
        assertEquals(Optional.of(2), c.indexOf("+9"));
        assertEquals(Optional.empty(), c.indexOf("8"));
    }

    @Test
    void textIsOrderedByCodePointsWhateverTheRowOrder() {
        List<String> rows = new ArrayList<>(List.of("b", "B", "a", "\uFFFF", "\uD83D\uDE00", "10", "9", "b"));
        List<String> expected = List.of("10", "9", "B", "a", "b", "\uFFFF", "\uD83D\uDE00"); // U+FFFF < U+1F600
        for (int shuffle = 0; shuffle < 5; shuffle++) {
            Collections.shuffle(rows, new java.util.Random(shuffle));
            assertEquals(expected, ClassLabels.of(rows).labels());
        }
        assertEquals(Optional.empty(), ClassLabels.of(rows).indexOf("09"), "text labels are compared as text");
    }

    @Test
    void aMappingOutOfOrderOrTooLargeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ClassLabels(List.of("yes", "no")));
        assertThrows(IllegalArgumentException.class, () -> new ClassLabels(List.of("a", "a")));
        assertThrows(IllegalArgumentException.class, () -> new ClassLabels(List.of("07", "9")));
        assertThrows(IllegalArgumentException.class, () -> new ClassLabels(List.of(" a", "b")));
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= ClassLabels.MAX_CLASSES; i++) {
            many.add(String.valueOf(i));
        }
        assertThrows(IllegalArgumentException.class, () -> ClassLabels.of(many));
    }
}
