package ai.cinboard.app.cli;

import ai.cinboard.persistence.Database;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * A worker leaves out what the job engine and the connection pool log, each time with a stack trace, about a
 * database out of reach (a connection the server closed, a query or heartbeat that could not reach it): the worker
 * says so itself, in one line when the database goes and one when it is back (RenderQueue). Everything else they
 * log stays.
 */
final class LostConnectionReports extends TurboFilter {
    private static final List<String> LIBRARIES = List.of("com.github.kagkarlsson.scheduler", "com.zaxxer.hikari");

    /** Installs the filter in this process's logging, if that is logback. */
    static void install() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            LostConnectionReports filter = new LostConnectionReports();
            filter.setContext(context);
            filter.start();
            context.addTurboFilter(filter);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (LIBRARIES.stream().noneMatch(logger.getName()::startsWith)) {
            return FilterReply.NEUTRAL;
        }
        // SLF4J passes the exception of a parameterised message as its last argument.
        Throwable thrown = t != null
                ? t
                : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last
                        ? last
                        : null;
        return thrown != null && Database.unreachable(thrown) ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
