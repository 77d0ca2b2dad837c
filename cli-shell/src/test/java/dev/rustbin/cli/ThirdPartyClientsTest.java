package dev.rustbin.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.schema.BinarySectionsTable;
import dev.rustbin.schema.Column;
import dev.rustbin.schema.TableSchema;
import dev.rustbin.schema.Tables;
import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.Readelf;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sqlline and SchemaCrawler, from Maven Central, each in a JVM of its own with rustbin-jdbc.jar. */
class ThirdPartyClientsTest {

    private static final Path DEMO = Corpus.fixture("demo-release");
    private static final String URL = "jdbc:rustbin:" + DEMO;

    @TempDir
    Path work;

    @Test
    void sqllineListsTablesColumnsAndRunsQueries() throws Exception {
        Path script = Files.writeString(work.resolve("script.sql"), """
                !tables
                select count(*) as symbols from binary_symbols;
                !columns binary_sections
                !quit
                """);
        List<String> sqlline = JarClients.testClasspathJars(jar -> jar.contains("/sqlline/") || jar.contains("/org/jline/"));
        String out = JarClients.run(true, work, sqlline, "sqlline.SqlLine", "-u", URL, "-n", "", "-p", "",
                "--outputformat=csv", "--silent=true", "--run=" + script);
        List<String> lines = out.lines().toList();
        Set<String> tables = lines.stream().filter(l -> l.startsWith("'','rustbin','"))
                .map(l -> l.split("','")[2]).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(tables.containsAll(Tables.ALL.stream().map(TableSchema::name).toList()), out);
        int count = lines.indexOf("'symbols'");
        assertTrue(count >= 0, out);
        assertEquals("'" + Readelf.symbols(DEMO).size() + "'", lines.get(count + 1));
        Column<?> address = BinarySectionsTable.TABLE.columns().get(2);
        assertTrue(lines.contains("'','rustbin','binary_sections','address','3','DECIMAL','20','null','0','10','0','"
                + address.description().replace("'", "''") + "','','null','null','20','3','NO','','','','null','',''"), out);
    }

    @Test
    void schemaCrawlerCrawlsEveryTableWithTypesAndRemarks() throws Exception {
        List<String> crawler = JarClients.testClasspathJars(jar -> jar.contains("/us/fatehi/") || jar.contains("/org/slf4j/slf4j-api/"));
        JarClients.compile(work, "Crawl", """
                import schemacrawler.schema.*;
                import schemacrawler.schemacrawler.*;
                import schemacrawler.tools.utility.SchemaCrawlerUtility;
                import us.fatehi.utility.datasource.*;
                public class Crawl {
                    public static void main(String[] args) throws Exception {
                        DatabaseConnectionSource source = DatabaseConnectionSources.newDatabaseConnectionSource(args[0],
                                new MultiUseUserCredentials("", ""));
                        SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
                                .withLoadOptions(LoadOptionsBuilder.builder().withSchemaInfoLevel(SchemaInfoLevelBuilder.standard()).toOptions());
                        Catalog catalog = SchemaCrawlerUtility.getCatalog(source, options);
                        for (Table table : catalog.getTables()) {
                            System.out.println("table|" + table.getSchema().getFullName() + "|" + table.getName() + "|" + table.getRemarks());
                            for (Column column : table.getColumns()) {
                                System.out.println("column|" + table.getName() + "|" + column.getName() + "|"
                                        + column.getColumnDataType().getName() + "|" + column.isNullable() + "|" + column.getRemarks());
                            }
                        }
                    }
                }
                """, crawler);
        String out = JarClients.run(true, work, crawler, "Crawl", URL);
        for (TableSchema<?> table : Tables.ALL) {
            assertTrue(out.contains("table|rustbin|" + table.name() + "|" + table.description() + "\n"), table.name() + "\n" + out);
            for (Column<?> column : table.columns()) {
                String type = column.type().equals(Column.UINT64) ? "DECIMAL" : null;
                String prefix = "column|" + table.name() + "|" + column.name() + "|";
                String line = out.lines().filter(l -> l.startsWith(prefix)).findFirst().orElse("missing " + prefix);
                assertTrue(line.endsWith("|" + column.nullable() + "|" + column.description()), line);
                assertTrue(type == null || line.startsWith(prefix + type + "|"), line);
            }
        }
    }
}
