package dev.whale.cli.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectTest {
    @Test
    void whaleCommand_passesOnMemoryCollectorAndCache_notAgentsPortsOrFiles() {
        for (String option : List.of("-Xmx256m", "-Xms64m", "-Xss512k", "-XX:+UseSerialGC", "-XX:+UseG1GC",
                "-XX:MaxRAMPercentage=25.0", "-XX:TieredStopAtLevel=1", "-XX:AOTCache=/w/cli/target/x.aot",
                "-Xshare:auto", "-XX:SharedArchiveFile=/w/x.jsa", "-XX:+AutoCreateSharedArchive", "-Xlog:disable",
                "-Xlog:all=error:stderr", "-Dwhale.root=/w")) {
            assertTrue(Project.PASSED_ON.matcher(option).matches(), option + " is passed on");
        }
        for (String option : List.of("-agentlib:jdwp=transport=dt_socket,server=y,address=5005",
                "-javaagent:/x.jar", "-agentpath:/x.so", "-XX:AOTCacheOutput=/x.aot", "-XX:AOTMode=record",
                "-Xlog:gc:file=gc.log", "-XX:StartFlightRecording=filename=x.jfr", "-XX:HeapDumpPath=/x",
                "-Dcom.sun.management.jmxremote.port=9010", "-Dwhale.project=/elsewhere")) {
            assertFalse(Project.PASSED_ON.matcher(option).matches(), option + " is not passed on");
        }
    }
}
