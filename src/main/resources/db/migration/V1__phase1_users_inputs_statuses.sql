-- Phase 1 of the database spec: users, input records and processing statuses, their indexes,
-- and the updated_at function with its triggers. Written exactly as the spec gives them.

CREATE TABLE users (
    id SERIAL PRIMARY KEY,
    email VARCHAR(255) UNIQUE NOT NULL,
    password_hash VARCHAR(255) NOT NULL,
    first_name VARCHAR(100) NOT NULL,
    last_name VARCHAR(100) NOT NULL,
    is_active BOOLEAN DEFAULT TRUE,
    is_verified BOOLEAN DEFAULT FALSE,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE input_records (
    id SERIAL PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    raw_input TEXT NOT NULL,
    input_length INTEGER NOT NULL,
    detected_language VARCHAR(10),
    language_confidence VARCHAR(20),
    translation_result JSONB,
    status VARCHAR(50) DEFAULT 'pending',
    current_phase VARCHAR(50),
    validation_result JSONB,
    content_policy_check JSONB,
    session_id VARCHAR(255),
    ip_address VARCHAR(45),
    user_agent TEXT,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    processed_at TIMESTAMP WITH TIME ZONE
);

CREATE TABLE processing_statuses (
    id SERIAL PRIMARY KEY,
    input_record_id INTEGER NOT NULL REFERENCES input_records(id) ON DELETE CASCADE,
    phase VARCHAR(50) NOT NULL,
    status VARCHAR(50) NOT NULL,
    progress_percentage INTEGER DEFAULT 0,
    phase_data JSONB,
    error_message TEXT,
    error_details JSONB,
    created_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    started_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP,
    completed_at TIMESTAMP WITH TIME ZONE,
    duration_seconds INTEGER
);

CREATE INDEX idx_users_email ON users(email);
CREATE INDEX idx_input_records_user_id ON input_records(user_id);
CREATE INDEX idx_input_records_status ON input_records(status);
CREATE INDEX idx_input_records_created_at ON input_records(created_at);
CREATE INDEX idx_processing_statuses_input_record_id ON processing_statuses(input_record_id);
CREATE INDEX idx_processing_statuses_phase ON processing_statuses(phase);
CREATE INDEX idx_processing_statuses_status ON processing_statuses(status);

CREATE OR REPLACE FUNCTION update_updated_at_column()
RETURNS TRIGGER AS $$
BEGIN
    NEW.updated_at = CURRENT_TIMESTAMP;
    RETURN NEW;
END;
$$ language 'plpgsql';

CREATE TRIGGER update_users_updated_at BEFORE UPDATE ON users
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();

CREATE TRIGGER update_input_records_updated_at BEFORE UPDATE ON input_records
    FOR EACH ROW EXECUTE FUNCTION update_updated_at_column();
