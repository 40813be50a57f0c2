import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Compiles and runs the JUnit 5 tests of kata starter directories (Maven layout: src/main/java and
 * src/test/java), all in one JVM because starting a JVM and javac per kata is what makes this check slow.
 *
 * Usage: java -cp <JUnit platform, Jupiter, opentest4j and apiguardian jars> JavaStarterCheck.java DIR...
 * Prints one JSON object per directory: dir, compiled, diagnostics, found, succeeded, failed, skipped.
 */
public class JavaStarterCheck {
    public static void main(String[] args) throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String classpath = System.getProperty("java.class.path");
        Launcher launcher = LauncherFactory.create();
        for (String arg : args) {
            Path dir = Path.of(arg).toAbsolutePath();
            Path out = Files.createDirectories(dir.resolve("target/classes"));
            List<Path> sources;
            try (Stream<Path> walk = Files.walk(dir.resolve("src"))) {
                sources = walk.filter(path -> path.toString().endsWith(".java")).sorted().toList();
            }
            List<String> options = new ArrayList<>(List.of(
                    "-d", out.toString(), "-cp", classpath, "-encoding", "UTF-8", "-proc:none", "-Xlint:none"));
            sources.forEach(source -> options.add(source.toString()));
            ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
            int status = compiler.run(null, diagnostics, diagnostics, options.toArray(String[]::new));
            String compilerOutput = diagnostics.toString(StandardCharsets.UTF_8);
            if (status != 0) {
                System.out.println(result(dir, false, compilerOutput, null));
                continue;
            }
            Path testRoot = dir.resolve("src/test/java");
            try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                    JavaStarterCheck.class.getClassLoader())) {
                List<DiscoverySelector> selectors = new ArrayList<>();
                for (Path source : sources) {
                    if (!source.startsWith(testRoot)) continue;
                    String relative = testRoot.relativize(source).toString();
                    String className = relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
                    selectors.add(selectClass(loader.loadClass(className)));
                }
                SummaryGeneratingListener listener = new SummaryGeneratingListener();
                Thread.currentThread().setContextClassLoader(loader);
                launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectors).build(), listener);
                System.out.println(result(dir, true, compilerOutput, listener.getSummary()));
            }
        }
    }

    private static String result(Path dir, boolean compiled, String diagnostics, TestExecutionSummary summary) {
        StringBuilder json = new StringBuilder("{\"dir\":").append(quote(dir.toString()))
                .append(",\"compiled\":").append(compiled)
                .append(",\"diagnostics\":").append(quote(diagnostics));
        if (summary != null) {
            json.append(",\"found\":").append(summary.getTestsFoundCount())
                    .append(",\"succeeded\":").append(summary.getTestsSucceededCount())
                    .append(",\"failed\":").append(summary.getTestsFailedCount())
                    .append(",\"skipped\":").append(summary.getTestsSkippedCount());
        }
        return json.append('}').toString();
    }

    private static String quote(String text) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') quoted.append('\\').append(c);
            else if (c < 0x20) quoted.append(String.format("\\u%04x", (int) c));
            else quoted.append(c);
        }
        return quoted.append('"').toString();
    }
}
