package dev.comet.train;

/** Test statements that state a learning curve, as {@code Comet.train}'s do (AIR v6 / v2). */
final class Curves {
    private Curves() {}

    /** {@code statement} drafted with a curve of zeros, which {@link TrainingStatement#withOutcome} fills. */
    static TrainingStatement drafted(TrainingStatement s) {
        return new TrainingStatement(s.datasetRoot(), s.rows(), s.features(), s.fractionBits(), s.featureNames(),
                s.targetName(), s.model(), s.classes(), s.standardization(), s.learningRateQ(), s.batchSize(),
                s.epochs(), s.initialWeights(), s.finalWeights(),
                LearningCurve.zeros(s.epochs(), s.rows(), s.model().isClassifier()), s.initSeed());
    }

    /** {@code statement} with {@code run}'s outcome: its final weights and, if the statement states one, its curve. */
    static TrainingStatement outcome(TrainingStatement statement, TrainingTrace.Result run) {
        return statement.withOutcome(run.finalWeights(), run.curve());
    }
}
