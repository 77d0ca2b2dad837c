package dev.rustbin.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rustbin.testing.Corpus;
import dev.rustbin.testing.ReadmeBlocks;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The documented connection properties: README's table, getPropertyInfo, and overriding a default. */
class ConnectionPropertiesTest {

    @Test
    void readmeDocumentsEveryProperty() throws IOException {
        ReadmeBlocks.assertCurrent(ConnectionProperties.BEGIN, ConnectionProperties.END, ConnectionProperties.markdown(),
                "mvn test -pl jdbc-driver -am -Dtest=ConnectionPropertiesTest -Dsurefire.failIfNoSpecifiedTests=false");
    }

    @Test
    void driverListsThePropertiesAndAClientOverridesADefault() throws SQLException {
        String url = RustbinDriver.PREFIX + Corpus.fixture("demo-release");
        DriverPropertyInfo[] info = DriverManager.getDriver(url).getPropertyInfo(url, new Properties());
        assertEquals(ConnectionProperties.ALL.stream().map(ConnectionProperties.Property::name).toList(),
                Arrays.stream(info).map(p -> p.name).toList());
        assertTrue(Arrays.stream(info).allMatch(p -> p.description != null && !p.description.isBlank()));
        Properties strict = new Properties();
        strict.setProperty("fun", "standard");
        try (Connection c = DriverManager.getConnection(url, strict)) {
            SQLException e = org.junit.jupiter.api.Assertions.assertThrows(SQLException.class,
                    () -> SqlResults.single(c, "select string_agg(section_name, ',') from binary_sections"));
            assertTrue(e.getMessage().contains("STRING_AGG") || e.getMessage().contains("string_agg"), e.getMessage());
        }
    }
}
