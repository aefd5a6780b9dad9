package ai.cinboard.ui.viewmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.cinboard.cache.InProcessCache;
import ai.cinboard.persistence.Database;
import ai.cinboard.service.SystemStatusService;
import ai.cinboard.service.SystemStatusService.HealthItem;
import ai.cinboard.service.SystemStatusService.SlowQuery;
import ai.cinboard.service.SystemStatusService.SystemStatus;
import ai.cinboard.service.account.AccountService;
import ai.cinboard.service.account.Session;
import ai.cinboard.testing.TestDatabases;
import ai.cinboard.ui.task.CurrentThreadTaskExecutor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Health line, System status rows and team sign-in, without the toolkit. */
class StatusAndLoginViewModelsTest {

    /** Figures as a studio would report them; counts how often it was asked. */
    static final class FixedStatus implements SystemStatusService {
        final AtomicInteger healthCalls = new AtomicInteger();
        List<HealthItem> health = List.of(
                new HealthItem("database", true, true, "embedded PostgreSQL 18"),
                new HealthItem("cache", false, false, "UNREACHABLE: connection refused"),
                new HealthItem("media", true, true, "local disk"),
                new HealthItem("disk", false, true, "0.2 GB free (need at least 1 GB)"));
        RuntimeException failure;

        @Override
        public List<HealthItem> health() {
            healthCalls.incrementAndGet();
            if (failure != null) throw failure;
            return health;
        }

        @Override
        public SystemStatus status() {
            Map<String, Long> rows = new LinkedHashMap<>();
            rows.put("users", 2L);
            rows.put("input_records", 7L);
            return new SystemStatus(
                    5,
                    2,
                    3,
                    0,
                    "in-process (Caffeine)",
                    3,
                    1,
                    0.75,
                    420,
                    1,
                    500,
                    List.of(new SlowQuery("SELECT * FROM keyframes WHERE input_record_id = ?", 812, Instant.EPOCH)),
                    rows);
        }
    }

    @Test
    void theHealthLineNamesFailingPartsFirst() {
        FixedStatus status = new FixedStatus();
        HealthViewModel vm = new HealthViewModel(status, new CurrentThreadTaskExecutor());
        assertEquals("Checking health…", vm.summaryProperty().get());
        vm.refresh();
        assertEquals(
                "cache warning · disk FAILED · database ok · media ok",
                vm.summaryProperty().get());
        assertFalse(vm.healthyProperty().get());
        assertTrue(
                vm.detailsProperty().get().contains("disk: 0.2 GB free (need at least 1 GB)"),
                vm.detailsProperty().get());

        status.health = List.of(new HealthItem("database", true, true, "ok"), new HealthItem("disk", true, true, "ok"));
        vm.refresh();
        assertEquals("database ok · disk ok", vm.summaryProperty().get());
        assertTrue(vm.healthyProperty().get());

        status.failure = new IllegalStateException("pool closed");
        vm.refresh();
        assertEquals("Health check failed: pool closed", vm.summaryProperty().get());
        assertFalse(vm.healthyProperty().get());
    }

    @Test
    void aCheckStillRunningIsNotStartedAgain() {
        FixedStatus status = new FixedStatus();
        ManualTaskExecutor executor = new ManualTaskExecutor();
        HealthViewModel vm = new HealthViewModel(status, executor);
        vm.refresh();
        vm.refresh();
        vm.refresh();
        assertEquals(1, executor.pending.size(), "one check in flight at a time");
        executor.runAll();
        assertEquals(1, status.healthCalls.get());
        vm.refresh();
        executor.runAll();
        assertEquals(2, status.healthCalls.get(), "the next refresh runs once the first has finished");
    }

    @Test
    void systemStatusShowsPoolCacheSlowStatementsAndRows() {
        SystemStatusViewModel vm = new SystemStatusViewModel(new FixedStatus(), new CurrentThreadTaskExecutor());
        vm.refresh();
        List<String> lines = new ArrayList<>();
        vm.rows().forEach(r -> lines.add(r.section() + " | " + r.name() + " | " + r.value()));
        assertTrue(lines.contains("Health | disk | FAILED: 0.2 GB free (need at least 1 GB)"), lines.toString());
        assertTrue(lines.contains("Health | cache | warning: UNREACHABLE: connection refused"), lines.toString());
        assertTrue(lines.contains("Connection pool | in use | 2 of 5"), lines.toString());
        assertTrue(lines.contains("Connection pool | waiting for a connection | 0"), lines.toString());
        assertTrue(lines.contains("Cache | in-process (Caffeine) | hit rate 75% (3 hits, 1 misses)"), lines.toString());
        assertTrue(lines.contains("Statements | slow (≥ 500 ms) | 1"), lines.toString());
        assertTrue(
                lines.stream()
                        .anyMatch(l -> l.startsWith("Slow statements | 812 ms at ")
                                && l.endsWith("| SELECT * FROM keyframes WHERE input_record_id = ?")),
                lines.toString());
        assertTrue(lines.contains("Rows | input_records | 7"), lines.toString());
        assertEquals("", vm.errorProperty().get());
        assertFalse(vm.loadingProperty().get());
    }

    @Test
    void signInChecksTheRealAccountAndClearsThePassword() {
        try (Database db = TestDatabases.open()) {
            AccountService accounts = new AccountService(db, new InProcessCache());
            int id = accounts.register("ana@example.com", "Ana", "Lima", "correct horse battery".toCharArray());
            List<Session> signedIn = new ArrayList<>();
            LoginViewModel vm = new LoginViewModel(accounts, new CurrentThreadTaskExecutor(), signedIn::add);

            vm.signIn();
            assertEquals("Enter your email and password.", vm.errorProperty().get());

            vm.emailProperty().set("ana@example.com");
            vm.passwordProperty().set("wrong horse battery");
            vm.signIn();
            assertEquals(AccountService.BAD_CREDENTIALS, vm.errorProperty().get());
            assertEquals("", vm.passwordProperty().get(), "the password field is cleared once sent");
            assertTrue(signedIn.isEmpty());

            vm.emailProperty().set("  ANA@example.com ");
            vm.passwordProperty().set("correct horse battery");
            vm.signIn();
            assertEquals("", vm.errorProperty().get());
            assertEquals(1, signedIn.size());
            assertEquals(id, signedIn.get(0).userId());
            assertTrue(accounts.session(signedIn.get(0).id()).isPresent());
            assertFalse(vm.busyProperty().get());
        }
    }

    @Test
    void aNewMemberCreatesTheirAccountAtTheSignInScreen() {
        try (Database db = TestDatabases.open()) {
            AccountService accounts = new AccountService(db, new InProcessCache());
            accounts.register("taken@example.com", "Tae", "Ken", "a long enough password".toCharArray());
            List<Session> signedIn = new ArrayList<>();
            LoginViewModel vm = new LoginViewModel(accounts, new CurrentThreadTaskExecutor(), signedIn::add);

            vm.emailProperty().set("new@example.com");
            vm.passwordProperty().set("a long enough password");
            vm.register();
            assertEquals(
                    "Enter your first and last name to create an account.",
                    vm.errorProperty().get());
            assertTrue(signedIn.isEmpty());

            vm.firstNameProperty().set("Noor");
            vm.lastNameProperty().set("Haddad");
            vm.emailProperty().set("TAKEN@example.com");
            vm.register();
            assertTrue(
                    vm.errorProperty().get().startsWith("An account with the email"),
                    vm.errorProperty().get());
            assertEquals("", vm.passwordProperty().get(), "the password field is cleared once sent");

            vm.emailProperty().set("noor@example.com");
            vm.passwordProperty().set("short");
            vm.register();
            assertFalse(vm.errorProperty().get().isEmpty(), "a too-short password is refused with a reason");
            assertTrue(signedIn.isEmpty());

            vm.passwordProperty().set("a long enough password");
            vm.register();
            assertEquals("", vm.errorProperty().get());
            assertEquals(1, signedIn.size());
            assertEquals("noor@example.com", signedIn.get(0).email());
            assertFalse(signedIn.get(0).verified(), "a new account starts unverified");
            assertEquals(2, accounts.list().size(), "one account made, none by the refused attempts");
        }
    }
}
