package dev.sluice.engine.run;

import dev.sluice.engine.datatest.DataTestResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes a run as JUnit XML, the report CI systems read: one test case per model build and per data
 * test; failures and errors carry the message. Stateless and thread-safe.
 */
public final class JUnitReport {
    private JUnitReport() {}

    public static void write(RunResult result, Path file) {
        long failures = result.models().stream().filter(model -> model.status() == ModelRunResult.Status.TESTS_FAILED)
                .count() + result.tests().stream().filter(test -> test.status() == DataTestResult.Status.FAIL).count();
        long errors = result.models().stream().filter(model -> model.status() == ModelRunResult.Status.ERROR).count()
                + result.tests().stream().filter(test -> test.status() == DataTestResult.Status.ERROR).count();
        long skipped = result.models().stream().filter(model -> model.status() == ModelRunResult.Status.SKIPPED).count()
                + result.tests().stream().filter(test -> test.status() == DataTestResult.Status.SKIPPED).count();
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (Writer out = Files.newBufferedWriter(file)) {
                XMLStreamWriter xml = XMLOutputFactory.newInstance().createXMLStreamWriter(out);
                xml.writeStartDocument("UTF-8", "1.0");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", "sluice");
                xml.writeAttribute("tests", String.valueOf(result.models().size() + result.tests().size()));
                xml.writeAttribute("failures", String.valueOf(failures));
                xml.writeAttribute("errors", String.valueOf(errors));
                xml.writeAttribute("skipped", String.valueOf(skipped));
                xml.writeAttribute("time", seconds(result.elapsed().toMillis()));
                for (ModelRunResult model : result.models()) {
                    String outcome = switch (model.status()) {
                        case SUCCESS -> null;
                        case ERROR -> "error";
                        case TESTS_FAILED -> "failure";
                        case SKIPPED -> "skipped";
                    };
                    testCase(xml, "model", model.model(), model.elapsed().toMillis(), outcome, model.error());
                }
                for (DataTestResult test : result.tests()) {
                    String outcome = switch (test.status()) {
                        case PASS, WARN -> null;
                        case FAIL -> "failure";
                        case ERROR -> "error";
                        case SKIPPED -> "skipped";
                    };
                    testCase(xml, "test." + (test.test().attachedTo() == null ? "source" : test.test().attachedTo()),
                            test.test().name(), test.elapsed().toMillis(), outcome, test.message());
                }
                xml.writeEndElement();
                xml.writeEndDocument();
                xml.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write " + file, e);
        }
    }

    private static void testCase(XMLStreamWriter xml, String className, String name, long millis, String outcome,
            String message) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", className);
        xml.writeAttribute("name", name);
        xml.writeAttribute("time", seconds(millis));
        if (outcome != null) {
            xml.writeStartElement(outcome);
            if (message != null) {
                xml.writeAttribute("message", message.lines().findFirst().orElse(""));
                xml.writeCharacters(message);
            }
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
