#[test]
fn dump() { std::fs::write("/tmp/schema.json", infraplan::schema::plan_schema_text()).unwrap(); }
