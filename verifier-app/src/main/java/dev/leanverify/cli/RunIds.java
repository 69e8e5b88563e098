package dev.leanverify.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;

/** Names runs: run-YYYYMMDD-HHMMSS-xxxx, readable and unique enough for one team's topics. */
final class RunIds {
    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private RunIds() {
    }

    static String fresh(String kind) {
        return kind + "-" + LocalDateTime.now().format(FORMAT) + "-" + UUID.randomUUID().toString().substring(0, 4);
    }
}
