package dev.sluice.engine.extract;

import dev.sluice.engine.Workspace;
import java.nio.file.Path;

/**
 * Runs {@code sluice extract billing} on the project in {@code args[0]} in a process of its own, for a test
 * that kills it with {@code kill -9}; prints a line as each page is committed. The token comes from the
 * environment, as in production.
 */
public final class ExtractChild {
    private ExtractChild() {}

    public static void main(String[] args) {
        try (Workspace workspace = Workspace.open(Path.of(args[0]), null)) {
            ExtractDefinition billing = Extracts.select(Path.of(args[0]), "billing").get(0);
            new ExtractRunner(workspace.warehouse()).run(billing, false, new ExtractListener() {
                private int pages;

                @Override
                public void pageCommitted(String source, String stream, long records) {
                    System.out.println("committed page " + (++pages));
                    System.out.flush();
                }

                @Override
                public void streamFinished(StreamResult result) {
                    System.out.println(result);
                }
            });
            System.out.println("ended");
        }
    }
}
