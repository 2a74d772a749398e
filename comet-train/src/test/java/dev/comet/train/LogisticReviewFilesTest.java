package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.comet.api.Comet;
import dev.comet.api.ModelFile;
import dev.comet.api.ModelFileException;
import dev.comet.api.TrainedModel;
import dev.comet.data.ClassLabels;
import dev.comet.data.CsvDataset;
import dev.comet.data.DataException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adversarial review of class-label reading, canonicalisation and statement binding in files. */
class LogisticReviewFilesTest {
    @TempDir
    Path dir;

    private Path csv(String name, String... lines) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return p;
    }

    private static final String[] ROWS = {"1.5,%s", "0.2,%s", "2.5,%s", "-1,%s", "0.7,%s", "3,%s"};
    private static final boolean[] MALIGNANT = {true, false, true, false, false, true};

    private Path labelled(String name, String malignant, String benign) throws Exception {
        String[] lines = new String[ROWS.length + 1];
        lines[0] = "x,diagnosis";
        for (int i = 0; i < ROWS.length; i++) {
            lines[i + 1] = String.format(ROWS[i], MALIGNANT[i] ? malignant : benign);
        }
        return csv(name, lines);
    }

    /** Review finding, fixed: two files whose labels mean opposite things have different commitments. */
    @Test
    void twoFilesWithOppositeLabelMeaningsHaveDifferentCommitments() throws Exception {
        Comet.ClassifiedData a = Comet.loadClassified(labelled("a.csv", "malignant", "benign"), "diagnosis", List.of("x"));
        Comet.ClassifiedData b = Comet.loadClassified(labelled("b.csv", "zzz", "malignant"), "diagnosis", List.of("x"));
        assertEquals(List.of("benign", "malignant"), a.classes().labels());
        assertEquals(List.of("malignant", "zzz"), b.classes().labels());
        assertArrayEquals(Comet.commit(a.data()).root(), Comet.commit(b.data()).root(), "the same indices");
        assertNotEquals(Comet.commit(a.data()).hex(a.classes()), Comet.commit(b.data()).hex(b.classes()));
    }

    /** The mapping is canonical: row order does not move it, and reading with the statement's classes matches. */
    @Test
    void rowOrderDoesNotChangeTheMapping() throws Exception {
        Comet.ClassifiedData a = Comet.loadClassified(csv("o1.csv", "x,y", "1,yes", "2,no", "3,yes"), "y", List.of("x"));
        Comet.ClassifiedData b = Comet.loadClassified(csv("o2.csv", "x,y", "1,no", "2,yes", "3,no"), "y", List.of("x"));
        assertEquals(a.classes(), b.classes());
        assertNotEquals(Comet.commit(a.data()).hex(), Comet.commit(b.data()).hex());
        // a file with a label outside the stated classes is refused when read as a statement's data
        assertThrows(DataException.class, () -> CsvDataset.readClassified(csv("o3.csv", "x,y", "1,yes", "2,maybe"), "y",
                List.of("x"), a.classes()));
    }

    /** Integer spellings merge; decimals sort as text; NFC and NFD of one word are one class (review finding, fixed). */
    @Test
    void labelCanonicalisationObservations() throws Exception {
        Comet.ClassifiedData ints = Comet.loadClassified(csv("i.csv", "x,y", "1,07", "2,7", "3,+7", "4,10"), "y",
                List.of("x"));
        assertEquals(List.of("7", "10"), ints.classes().labels(), "07, 7 and +7 are one class");
        Comet.ClassifiedData decimals = Comet.loadClassified(csv("d.csv", "x,y", "1,9.0", "2,10.0"), "y", List.of("x"));
        assertEquals(List.of("10.0", "9.0"), decimals.classes().labels(), "decimal labels sort as text: 10.0 is class 0");
        Comet.ClassifiedData mixed = Comet.loadClassified(csv("m.csv", "x,y", "1,9", "2,10", "3,10.0"), "y",
                List.of("x"));
        assertEquals(3, mixed.classes().count(), "10 and 10.0 are different classes: " + mixed.classes().labels());
        Comet.ClassifiedData unicode = Comet.loadClassified(csv("u.csv", "x,y", "1,caf\u00e9", "2,cafe\u0301", "3,tea"), "y",
                List.of("x"));
        assertEquals(List.of("caf\u00e9", "tea"), unicode.classes().labels(), "one word typed two ways is one class");
    }

    /** A classifier's statement refuses a standardised target, also from a model file. */
    @Test
    void aClassifierModelFileWithAStandardisedTargetIsRefused() throws Exception {
        Path file = modelFile();
        String json = Files.readString(file);
        String edited = json.replaceFirst("(\"scales\"\\s*:\\s*\\[[^\\]]*,\\s*)65536(\\s*\\])", "$165537$2");
        assertNotEquals(json, edited);
        Path out = dir.resolve("edited.json");
        Files.writeString(out, edited);
        ModelFile m = ModelFile.read(out);
        ModelFileException e = assertThrows(ModelFileException.class, m::statement);
        assertTrue(e.getMessage().contains("class target"), e.getMessage());
    }

    /** Review finding, fixed: the pre-classifier format tag is refused for a classifier. */
    @Test
    void theRegressionFormatTagIsRefusedForAClassifier() throws Exception {
        Path file = modelFile();
        String json = Files.readString(file).replace(ModelFile.FORMAT, "comet-model/3");
        Path out = dir.resolve("v3.json");
        Files.writeString(out, json);
        assertThrows(ModelFileException.class, () -> ModelFile.read(out).statement());
    }

    /** Classes out of the documented order in a model file are refused. */
    @Test
    void reorderedClassesInAModelFileAreRefused() throws Exception {
        Path file = modelFile();
        String json = Files.readString(file);
        String edited = json.replaceFirst("\"no\",(\\s*)\"yes\"", "\"yes\",$1\"no\"");
        assertNotEquals(json, edited);
        Path out = dir.resolve("reordered.json");
        Files.writeString(out, edited);
        assertThrows(ModelFileException.class, () -> ModelFile.read(out).statement());
    }

    private Path modelFile() throws Exception {
        Path data = csv("train.csv", "x,y", "1.5,yes", "0.2,no", "2.5,yes", "-1,no", "0.7,no", "3,yes", "0.1,yes",
                "-0.5,no");
        Comet.ClassifiedData read = Comet.loadClassified(data, "y", List.of("x"));
        TrainingSpec spec = TrainingSpec.of("0.5", 4, 2, 1).forModel(ModelKind.LOGISTIC, read.classes());
        assertEquals(ClassLabels.of(List.of("no", "yes")), read.classes());
        TrainedModel trained = Comet.train(read.data(), spec, Standardization.ofFeatures(read.data()), "test");
        Path out = dir.resolve("model.json");
        Files.write(out, ModelFile.of(trained, "model.proof").toJson());
        return out;
    }
}
