package dev.comet.cli;

import dev.comet.air.StatementBinding;
import dev.comet.air.TableSet;
import dev.comet.evm.ShapeStatement;
import dev.comet.evm.TrainingStatementRules;
import dev.comet.train.FixedPointStep;
import dev.comet.train.Network;
import dev.comet.train.SeededInit;
import dev.comet.train.TrainingAir;
import dev.comet.train.TrainingStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * How the verifier of a training statement's shape reads it: the training tables' binding to the
 * statement ({@link TrainingAir#statementBinding}) and the statement's rules beyond its bounds
 * ({@link TrainingStatementRules}), their numbers taken from the statement's fields and network.
 */
final class TrainingShapes {
    /** The library holding the rules, in every verifier's sources. */
    static final String RULES = "CometTrainingRules";

    private TrainingShapes() {}

    static ShapeStatement of(TableSet tables, TrainingStatement statement) {
        StatementBinding binding = TrainingAir.statementBinding(tables, statement);
        TrainingStatement.Fields f = statement.fields();
        Network network = statement.network();
        List<TrainingStatementRules.Layer> layers = new ArrayList<>();
        for (int l = 0; l < network.layers(); l++) {
            layers.add(new TrainingStatementRules.Layer(network.inputs(l), network.units(l),
                    SeededInit.limit(network.inputs(l) + network.units(l))));
        }
        TrainingStatementRules rules = new TrainingStatementRules(statement.rows(), statement.features() + 1,
                binding.firstValue(f.standardization()), f.moments() < 0 ? -1 : binding.firstValue(f.moments()),
                1L << FixedPointStep.DATA_BITS, f.seed(), binding.firstValue(f.initialWeights()), layers);
        return new ShapeStatement(binding, rules.checksAnything() ? List.of(rules.check(RULES)) : List.of());
    }
}
