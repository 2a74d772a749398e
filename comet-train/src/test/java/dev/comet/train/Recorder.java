package dev.comet.train;

import java.util.ArrayList;
import java.util.List;

/** Keeps every observed step, with copies of the update arrays. */
final class Recorder implements TrainingObserver {
    record Sample(int epoch, int batch, int row, long dot, long prediction, long predictionRemainder, long scaledError,
                  long scaledErrorRemainder) {
    }

    record Update(int epoch, int batch, int firstRow, int m, long[] gradient, long[] before, long[] after,
                  long[] remainders) {
    }

    final List<Sample> samples = new ArrayList<>();
    final List<Update> updates = new ArrayList<>();

    @Override
    public void onSample(int epoch, int batch, int row, long dot, long prediction, long predictionRemainder,
                         long output, long scaledError, long scaledErrorRemainder) {
        samples.add(new Sample(epoch, batch, row, dot, prediction, predictionRemainder, scaledError, scaledErrorRemainder));
    }

    @Override
    public void onUpdate(int epoch, int batch, int firstRow, int m, long[] gradient, long[] weightsBefore,
                         long[] weightsAfter, long[] remainders) {
        updates.add(new Update(epoch, batch, firstRow, m, gradient.clone(), weightsBefore.clone(), weightsAfter.clone(),
                remainders.clone()));
    }
}
