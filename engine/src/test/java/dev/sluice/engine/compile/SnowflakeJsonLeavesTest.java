package dev.sluice.engine.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.engine.SluiceException;
import org.junit.jupiter.api.Test;

class SnowflakeJsonLeavesTest {
    @Test
    void aFlattenPathReadsAsItsKeys() {
        assertThat(SnowflakeJsonLeaves.keys("a")).containsExactly("a");
        assertThat(SnowflakeJsonLeaves.keys("page.path")).containsExactly("page", "path");
        assertThat(SnowflakeJsonLeaves.keys("a.\"b c\".d")).containsExactly("a", "b c", "d");
        assertThat(SnowflakeJsonLeaves.keys("['dotted.key']['it''s']")).containsExactly("dotted.key", "it's");
        assertThat(SnowflakeJsonLeaves.keys("\"quote\\\"d\"")).containsExactly("quote\"d");
    }

    @Test
    void aPathThroughAnArrayIsNoField() {
        assertThat(SnowflakeJsonLeaves.keys("items[0]")).isNull();
        assertThat(SnowflakeJsonLeaves.keys("items[12].sku")).isNull();
    }

    @Test
    void aPathWrittenOtherwiseIsAnError() {
        assertThatThrownBy(() -> SnowflakeJsonLeaves.keys("a..b")).isInstanceOf(SluiceException.class)
                .hasMessageContaining("a..b");
        assertThatThrownBy(() -> SnowflakeJsonLeaves.keys("a['b")).isInstanceOf(SluiceException.class);
        assertThatThrownBy(() -> SnowflakeJsonLeaves.keys("")).isInstanceOf(SluiceException.class);
    }
}
