-- Operators' usage figures (src/usage/dojo-usage.ts) read every tenant's session history in the system
-- scope; reading only: writes stay confined to the tenant of the transaction.
create policy system_usage_read on dojo_history for select using (app_system());
