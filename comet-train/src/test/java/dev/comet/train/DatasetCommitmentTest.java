package dev.comet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.comet.data.QuantizedDataset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetCommitmentTest {
    @Test
    void dependsOnTheDataAndItsNamesOnly() throws Exception {
        QuantizedDataset data = TrainingProofTest.synthetic(30, 2, 5);
        String published = DatasetCommitment.commit(data).hex();
        assertEquals(published, DatasetCommitment.commit(TrainingProofTest.synthetic(30, 2, 5)).hex());

        QuantizedDataset changed = TrainingProofTest.synthetic(30, 2, 5);
        changed.targets()[29] += 1;
        assertNotEquals(published, DatasetCommitment.commit(changed).hex());

        QuantizedDataset renamed = new QuantizedDataset(data.fractionBits(), List.of("a", "b"), data.targetName(),
                data.features(), data.targets());
        assertNotEquals(published, DatasetCommitment.commit(renamed).hex());
    }

    @Test
    void aStatementAboutAPrefixOfTheRowsNamesAnotherCommitment() throws Exception {
        QuantizedDataset data = TrainingProofTest.synthetic(30, 2, 6);
        DatasetCommitment c = DatasetCommitment.commit(data);
        byte[] root = c.root();
        assertEquals(c.hex(), java.util.HexFormat.of().formatHex(
                DatasetCommitment.digest(root, 30, 16, data.featureNames(), data.targetName(),
                        dev.comet.data.ClassLabels.NONE)));
        assertNotEquals(c.hex(), java.util.HexFormat.of().formatHex(
                DatasetCommitment.digest(root, 29, 16, data.featureNames(), data.targetName(),
                        dev.comet.data.ClassLabels.NONE)));
    }
}
