package ai.cinboard.persistence;

import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ibatis.executor.statement.StatementHandler;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts every statement MyBatis executes and logs those slower than a threshold with their timing and
 * SQL (the spec's slow-query logging). The count lets tests and benchmarks prove a fixed query count.
 */
@Intercepts({
    @Signature(
            type = StatementHandler.class,
            method = "query",
            args = {Statement.class, ResultHandler.class}),
    @Signature(
            type = StatementHandler.class,
            method = "update",
            args = {Statement.class})
})
public final class StatementMonitor implements Interceptor {
    private static final Logger SLOW = LoggerFactory.getLogger("ai.cinboard.slowquery");
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong slowStatements = new AtomicLong();
    private final long slowMillis;
    /** The latest slow statements, newest last, for the System status view; bounded so it never grows. */
    private final java.util.Deque<SlowStatement> recentSlow = new java.util.ArrayDeque<>();

    static final int RECENT_SLOW_KEPT = 20;

    /** One slow statement: its SQL (whitespace folded, no parameter values), time taken and when it ended. */
    public record SlowStatement(String sql, long millis, java.time.Instant at) {}

    StatementMonitor(long slowMillis) {
        this.slowMillis = slowMillis;
    }

    @Override
    public Object intercept(Invocation invocation) throws Throwable {
        long start = System.nanoTime();
        try {
            return invocation.proceed();
        } finally {
            statements.incrementAndGet();
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis >= slowMillis) {
                slowStatements.incrementAndGet();
                String sql = ((StatementHandler) invocation.getTarget())
                        .getBoundSql()
                        .getSql()
                        .replaceAll("\\s+", " ")
                        .strip();
                SLOW.warn("Slow statement ({} ms >= {} ms): {}", millis, slowMillis, sql);
                synchronized (recentSlow) {
                    recentSlow.addLast(new SlowStatement(sql, millis, java.time.Instant.now()));
                    if (recentSlow.size() > RECENT_SLOW_KEPT) {
                        recentSlow.removeFirst();
                    }
                }
            }
        }
    }

    @Override
    public void setProperties(Properties properties) {
        // Configured through the constructor.
    }

    public long statementCount() {
        return statements.get();
    }

    public long slowStatementCount() {
        return slowStatements.get();
    }

    public long slowThresholdMillis() {
        return slowMillis;
    }

    /** The latest slow statements (at most {@value #RECENT_SLOW_KEPT}), newest first. */
    public java.util.List<SlowStatement> recentSlowStatements() {
        synchronized (recentSlow) {
            java.util.List<SlowStatement> list = new java.util.ArrayList<>(recentSlow);
            java.util.Collections.reverse(list);
            return list;
        }
    }
}
