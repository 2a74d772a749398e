package dev.comet.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Review: the standardisation a model file states is exactly the one verified. */
class StandardisationFileReviewTest {
    @TempDir
    Path dir;

    /**
     * A model file whose integer fields hold a non-integer or a string ({@code scale + 0.9},
     * {@code "scale"}, {@code epochs 1.9}, an initial weight {@code 0.9}): the proven statement
     * has integers there, so the file states something no proof is about and must be refused, not
     * read as the truncated integer.
     */
    @Test
    void integerFieldsThatAreNotIntegersAreRefused() throws IOException {
        Path model = Cli.trainSmallModel(dir);
        String json = Files.readString(model);
        Cli.Result honest = Cli.run("verify", model.toString(), "--min-security", "0");
        assertEquals(0, honest.exitCode(), honest.out() + honest.err());
        Matcher m = Pattern.compile("\"scales\" : \\[ (\\d+)").matcher(json);
        assertTrue(m.find());
        String scale = m.group(1);
        String[][] edits = {
            {"\"scales\" : [ " + scale, "\"scales\" : [ " + scale + ".9"},
            {"\"scales\" : [ " + scale, "\"scales\" : [ \"" + scale + "\""},
            {"\"epochs\" : 1,", "\"epochs\" : 1.9,"},
            {"\"initial_weights_q\" : [ 0,", "\"initial_weights_q\" : [ 0.9,"},
        };
        List<String> accepted = new ArrayList<>();
        for (String[] edit : edits) {
            assertTrue(json.contains(edit[0]), edit[0]);
            Path file = Cli.write(dir.resolve("edited.json"), json.replace(edit[0], edit[1]));
            Cli.Result r = Cli.run("verify", file.toString(), "--min-security", "0");
            if (r.exitCode() == 0) {
                accepted.add(edit[1]);
            }
        }
        assertEquals(List.of(), accepted, "edited model files that verify");
    }

    /** Offsets and scales outside the statement's bounds are refused with one line, whatever the proof. */
    @Test
    void offsetsAndScalesOutsideTheirBoundsAreRefused() throws IOException {
        Path model = Cli.trainSmallModel(dir);
        String json = Files.readString(model);
        Matcher m = Pattern.compile("\"scales\" : \\[ (\\d+)").matcher(json);
        assertTrue(m.find());
        Matcher o = Pattern.compile("\"offsets_q\" : \\[ (-?\\d+)").matcher(json);
        assertTrue(o.find());
        String[][] edits = {
            {"\"scales\" : [ " + m.group(1), "\"scales\" : [ 1073741825"},
            {"\"scales\" : [ " + m.group(1), "\"scales\" : [ 0"},
            {"\"scales\" : [ " + m.group(1), "\"scales\" : [ -65536"},
            {"\"offsets_q\" : [ " + o.group(1), "\"offsets_q\" : [ 2147483648"},
            {"\"offsets_q\" : [ " + o.group(1), "\"offsets_q\" : [ -2147483648"},
        };
        for (String[] edit : edits) {
            Path file = Cli.write(dir.resolve("bound.json"), json.replace(edit[0], edit[1]));
            Cli.Result r = Cli.run("verify", file.toString(), "--min-security", "0");
            assertTrue(r.exitCode() != 0, edit[1] + " accepted: " + r.out());
            String all = r.out() + r.err();
            assertTrue(all.contains("outside"), edit[1] + ": " + all);
            assertEquals(-1, all.indexOf("Exception"), all);
        }
    }

    /**
     * {@code comet train} (standardising by default) on 5 rows of a feature near 1000 with spread
     * 0.01: every data row standardises within bounds, while the padding rows' committed 0 would
     * not; padding rows hold 0 instead of being standardised, so the run proves.
     */
    @Test
    void trainingOnAColumnFarFromZeroWithPaddingSucceeds() throws IOException {
        Path csv = Cli.write(dir.resolve("far.csv"), "x,y\n1000.00,1\n1000.01,2\n1000.02,2.5\n1000.03,4\n1000.04,5\n");
        Path model = dir.resolve("far.json");
        Cli.Result r = Cli.run("train", csv.toString(), "--target", "y", "--epochs", "1", "--batch", "2", "--lr", "0.05",
                "--out", model.toString(), "--preset", "test", "--quiet");
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }
}
