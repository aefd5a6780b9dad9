package ai.cinboard.service;

/** Reads and writes the configuration file in CINBOARD_HOME. Blocking. */
public interface SettingsService {

    StudioSettings load();

    /** Validates and saves; throws StudioException with a user-facing message when invalid. Applies on restart where needed. */
    void save(StudioSettings settings);

    /** Tries the given part of {@code settings} (not necessarily saved) and says what happened. Never throws. */
    ConnectionResult testConnection(ConnectionPart part, StudioSettings settings);
}
