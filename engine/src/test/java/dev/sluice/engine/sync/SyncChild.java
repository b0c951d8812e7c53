package dev.sluice.engine.sync;

import dev.sluice.engine.Workspace;
import java.nio.file.Path;

/**
 * Runs the sync {@code crm} of the project in {@code args[0]} in a process of its own, with the real
 * clock, for tests that kill a run with {@code kill -9}. Prints {@code started} once the diff is computed.
 */
public final class SyncChild {
    private SyncChild() {}

    public static void main(String[] args) throws InterruptedException {
        try (Workspace workspace = Workspace.open(Path.of(args[0]), null)) {
            SyncDefinition sync = Syncs.find(workspace.project(), "crm");
            new SyncRunner(workspace.warehouse(), workspace.project().directory()).run(sync, SyncFixture.CUSTOMERS,
                    SyncOptions.of(false, false), new SyncListener() {
                        @Override
                        public void planned(SyncPlan plan) {
                            System.out.println("started: " + plan.total() + " rows");
                            System.out.flush();
                        }
                    });
            System.out.println("ended");
        }
    }
}
