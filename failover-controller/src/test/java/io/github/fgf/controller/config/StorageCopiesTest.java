package io.github.fgf.controller.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A savepoint's primary and geo-secondary copies, mapped in one place. */
class StorageCopiesTest {

    static final Topology.Storage S = new Topology.Storage("wasbs://c@acct.blob.core.windows.net/checkpoints",
            "wasbs://c@acct.blob.core.windows.net/savepoints/", "wasbs://c@acct-secondary.blob.core.windows.net/savepoints?sv=1&sig=x",
            "local:/dev/null");

    @Test
    void eachCopyMapsToTheOtherByItsDirectoryName() {
        String primary = "wasbs://c@acct.blob.core.windows.net/savepoints/savepoint-3f2a1b-0c9d8e7f6a5b";
        String secondary = S.secondaryCopyOf(primary);
        assertEquals("wasbs://c@acct-secondary.blob.core.windows.net/savepoints/savepoint-3f2a1b-0c9d8e7f6a5b", secondary);
        assertEquals(primary, S.primaryCopyOf(secondary + "/"));
        assertEquals(primary, S.primaryCopyOf(secondary + "?sv=1&sig=x"));
    }
}
