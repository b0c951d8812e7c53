package dev.sluice.engine.sync;

import dev.sluice.engine.Names;

import dev.sluice.engine.Workspace;
import dev.sluice.engine.compile.CompileOptions;
import dev.sluice.engine.compile.CompiledModel;
import dev.sluice.engine.compile.CompiledProject;
import dev.sluice.spi.RelationName;

/** Finds the relation a sync reads. Thread-safe (stateless). */
public final class SyncModels {
    private SyncModels() {}

    /**
     * Compiles the project and returns the relation of the sync's model in the workspace's target.
     *
     * @throws SyncException when no model has that name, or it is ephemeral (it has no relation)
     */
    public static RelationName relation(Workspace workspace, SyncDefinition sync) throws InterruptedException {
        CompiledProject compiled = workspace.compile(CompileOptions.defaults());
        CompiledModel model = compiled.models().get(sync.model());
        if (model == null) {
            throw SyncException.config(sync.where("model") + ": no model named \"" + sync.model() + "\""
                    + Names.didYouMean(sync.model(), compiled.models().keySet()));
        }
        if (model.definition().isEphemeral()) {
            throw SyncException.config(sync.where("model") + ": model " + sync.model() + " is ephemeral and has no"
                    + " table to sync; materialize it as a table or view");
        }
        return model.definition().relation();
    }
}
