//! Dates (日期/时限). To be written.
