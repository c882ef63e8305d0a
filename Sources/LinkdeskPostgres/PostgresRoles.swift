/// Team mode's roles, enforced by PostgreSQL itself (SPEC §8): migration 9.
///
/// Three group roles per database — administrator, member, site — named after the database's
/// oid (role names are the cluster's, and one cluster may hold several teams' databases) and
/// recorded in `meta` (`role:administrator`, …). A staff member's login is put in the group of
/// their role (`linkdesk staff add`); the login that runs this migration becomes an administrator.
///
/// - **administrator**: every privilege on every table.
/// - **member**: reads everything but the token tables; makes one-time links (as themselves),
///   bookings through links, activity (as themselves or as a customer); changes only the
///   bookings of booking pages they own (row-level security keyed on the page's `ownerLogin`),
///   only their own pages' hours, dates off, policy and link (`linkdesk_guard_page`), and
///   revokes only the links they made (`linkdesk_guard_one_time_link`). No privilege on `staff`
///   but SELECT, none on event types but SELECT.
/// - **site**: reads what pages show; stores bookings through links (INSERT booking,
///   manage_token, booking_request, customer activity), spends uses (UPDATE of `uses_left` alone,
///   one at a time), and changes a booking only through its manage token (`linkdesk.manage_token`,
///   checked by `linkdesk_manages`: the token must have been made in the booking's own
///   transaction, `created_xact`, so a token inserted later for another booking manages nothing).
///   It reads no token hash: lookups by hash go through SECURITY DEFINER functions that answer
///   one hash at a time and never list them; those functions are the groups' alone.
///
/// Known limits: the site's login reads bookings whole (customers' names and emails: its manage
/// pages show them), and a member who writes a malformed hours or policy document into their own
/// page (through psql) breaks the reading of the workspace until an administrator repairs it: the
/// guard checks the document's shape, not its contents.
///
/// Row-level security policies let every row through `USING` where a refused change should
/// fail loudly: PostgreSQL skips rows `USING` hides, so `psql`'s UPDATE of another member's
/// booking would "succeed" on zero rows; `WITH CHECK` and the guard triggers make it an error
/// (42501) instead. Superusers and the tables' owner bypass row-level security, as PostgreSQL
/// has them do: team mode's owner is its first administrator.
enum PostgresRoles {
    static let migration = #"""
        -- The transaction that made each booking and each manage token: a token manages a booking
        -- only when both were made together (the booking's own statement), so a token inserted
        -- later for someone else's booking manages nothing. Rows from before: 0 on both sides.
        ALTER TABLE booking ADD COLUMN created_xact xid8 NOT NULL DEFAULT '0';
        ALTER TABLE booking ALTER COLUMN created_xact SET DEFAULT pg_current_xact_id();
        ALTER TABLE manage_token ADD COLUMN created_xact xid8 NOT NULL DEFAULT '0';
        ALTER TABLE manage_token ALTER COLUMN created_xact SET DEFAULT pg_current_xact_id();

        -- Helpers, SECURITY DEFINER with a fixed search_path: they read what the caller may not.
        -- PL/pgSQL rather than SQL: a SECURITY DEFINER SQL function is never inlined and plans its
        -- query on every call, which doubled a booking's cost; PL/pgSQL keeps its plans.
        CREATE FUNCTION linkdesk_role(kind text) RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp AS $$
            BEGIN RETURN (SELECT value FROM meta WHERE key = 'role:' || kind); END $$;
        CREATE FUNCTION linkdesk_is_administrator() RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp AS $$
            BEGIN
                RETURN coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
                    OR session_user = (SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'public.page'::regclass)
                    OR coalesce(pg_has_role(session_user, linkdesk_role('administrator'), 'MEMBER'), false);
            END $$;
        CREATE FUNCTION linkdesk_owns(owned bigint) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp AS $$
            BEGIN
                RETURN EXISTS (SELECT 1 FROM page WHERE id = owned AND kind = 'booking' AND config->>'ownerLogin' = session_user);
            END $$;
        CREATE FUNCTION linkdesk_one_time_link(hash text) RETURNS SETOF one_time_link LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp AS $$
            BEGIN RETURN QUERY SELECT * FROM one_time_link WHERE token_hash = hash; END $$;
        -- A link's hash for staff; nothing for the site's login, which reads links by id without their hashes.
        CREATE FUNCTION linkdesk_link_hash(id text) RETURNS text LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp AS $$
            BEGIN
                IF NOT linkdesk_is_administrator() AND NOT coalesce(pg_has_role(session_user, linkdesk_role('member'), 'MEMBER'), false) THEN
                    RETURN NULL;  -- staff only: the site's login, and anyone else, read links without their hashes
                END IF;
                RETURN (SELECT token_hash FROM one_time_link WHERE link_id = id);
            END $$;
        CREATE FUNCTION linkdesk_manage_token_booking(hash text) RETURNS bigint LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp AS $$
            BEGIN RETURN (SELECT booking_id FROM manage_token WHERE token_hash = hash); END $$;
        CREATE FUNCTION linkdesk_request_key_booking(hash text) RETURNS bigint LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp AS $$
            BEGIN RETURN (SELECT booking_id FROM booking_request WHERE key_hash = hash); END $$;
        CREATE FUNCTION linkdesk_calendar_member(hash text) RETURNS bigint LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp AS $$
            BEGIN RETURN (SELECT member_id FROM calendar_token WHERE token_hash = hash); END $$;
        -- Who the caller is on the staff list, and whether there is one: for every login, the
        -- site's included, which may not read the list itself.
        CREATE FUNCTION linkdesk_staff_status() RETURNS TABLE (login text, name text, email text, role text, any_staff boolean)
            LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
            BEGIN
                RETURN QUERY SELECT s.login, s.name, s.email, s.role, true FROM staff s WHERE s.login = session_user;
                IF NOT FOUND THEN
                    RETURN QUERY SELECT NULL::text, NULL::text, NULL::text, NULL::text, EXISTS (SELECT 1 FROM staff);
                END IF;
            END $$;
        -- The booking's own statement keeps the slug it came through from changing until it commits.
        CREATE FUNCTION linkdesk_lock_slug(wanted_page bigint, wanted_slug text) RETURNS boolean LANGUAGE plpgsql VOLATILE SECURITY DEFINER
            SET search_path = public, pg_temp AS $$
            BEGIN PERFORM 1 FROM page p WHERE p.id = wanted_page AND lower(p.slug) = lower(wanted_slug) FOR SHARE; RETURN FOUND; END $$;
        -- True when the transaction named this booking's manage token (set_config('linkdesk.manage_token', …)).
        CREATE FUNCTION linkdesk_manages(managed bigint) RETURNS boolean LANGUAGE plpgsql STABLE SECURITY DEFINER
            SET search_path = public, pg_temp AS $$
            BEGIN
                RETURN EXISTS (SELECT 1 FROM manage_token m JOIN booking b ON b.id = m.booking_id
                               WHERE m.booking_id = managed AND m.token_hash = current_setting('linkdesk.manage_token', true)
                                 AND m.created_xact = b.created_xact);
            END $$;
        ALTER FUNCTION linkdesk_workspace_changed() SECURITY DEFINER SET search_path = public, pg_temp;

        -- What a member may change of a page, a link, a booking: checked row by row.
        CREATE FUNCTION linkdesk_guard_page() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                -- What anyone may do first; the role is looked up only for what only an administrator may.
                IF (NEW.id <> OLD.id OR NEW.kind <> OLD.kind OR NEW.name <> OLD.name
                    OR (NEW.config - 'availability' - 'policy' - 'slug') IS DISTINCT FROM (OLD.config - 'availability' - 'policy' - 'slug')
                    -- the link in the configuration is the link the slug column says (the app reads the one, the index the other)
                    OR NEW.slug IS DISTINCT FROM NEW.config->>'slug'
                    OR jsonb_typeof(NEW.config->'availability') IS DISTINCT FROM 'object'
                    OR jsonb_typeof(NEW.config->'policy') IS DISTINCT FROM 'object')
                   AND NOT linkdesk_is_administrator() THEN
                    RAISE EXCEPTION 'only an administrator can change this about page %', OLD.id USING ERRCODE = '42501';
                END IF;
                RETURN NEW;
            END $$;
        CREATE TRIGGER guard_page BEFORE UPDATE ON page FOR EACH ROW EXECUTE FUNCTION linkdesk_guard_page();
        CREATE FUNCTION linkdesk_guard_one_time_link() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                -- A booking spends one use: no lookup at all on that path.
                IF NEW.uses_left <> OLD.uses_left AND NEW.uses_left <> OLD.uses_left - 1 AND NOT linkdesk_is_administrator() THEN
                    RAISE EXCEPTION 'a one-time link''s uses can only be spent, one by one' USING ERRCODE = '42501';
                END IF;
                IF NEW.revoked_at IS DISTINCT FROM OLD.revoked_at
                   AND (OLD.made_by IS DISTINCT FROM session_user OR OLD.revoked_at IS NOT NULL)
                   AND NOT linkdesk_is_administrator() THEN
                    RAISE EXCEPTION 'only the staff member who made one-time link % or an administrator can revoke it', OLD.link_id
                        USING ERRCODE = '42501';
                END IF;
                RETURN NEW;
            END $$;
        CREATE TRIGGER guard_one_time_link BEFORE UPDATE ON one_time_link FOR EACH ROW EXECUTE FUNCTION linkdesk_guard_one_time_link();

        ALTER TABLE page ENABLE ROW LEVEL SECURITY;
        ALTER TABLE booking ENABLE ROW LEVEL SECURITY;
        ALTER TABLE one_time_link ENABLE ROW LEVEL SECURITY;
        ALTER TABLE activity ENABLE ROW LEVEL SECURITY;
        ALTER TABLE former_slug ENABLE ROW LEVEL SECURITY;
        ALTER TABLE calendar_token ENABLE ROW LEVEL SECURITY;
        ALTER TABLE manage_token ENABLE ROW LEVEL SECURITY;
        ALTER TABLE booking_request ENABLE ROW LEVEL SECURITY;

        DO $roles$
        DECLARE
            suffix text := (SELECT oid::text FROM pg_database WHERE datname = current_database());
            administrator text := 'linkdesk_' || suffix || '_administrator';
            member text := 'linkdesk_' || suffix || '_member';
            site text := 'linkdesk_' || suffix || '_site';
            r text;
        BEGIN
            FOREACH r IN ARRAY ARRAY[administrator, member, site] LOOP
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r) THEN
                    EXECUTE format('CREATE ROLE %I NOLOGIN', r);
                END IF;
            END LOOP;
            INSERT INTO meta (key, value) VALUES ('role:administrator', administrator), ('role:member', member), ('role:site', site)
                ON CONFLICT (key) DO UPDATE SET value = excluded.value;
            EXECUTE format('GRANT %I TO %I', administrator, session_user);

            EXECUTE format('GRANT USAGE ON SCHEMA public TO %I, %I, %I', administrator, member, site);
            EXECUTE format('GRANT ALL ON ALL TABLES IN SCHEMA public TO %I', administrator);
            EXECUTE format('GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO %I', administrator);
            EXECUTE format('GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO %I, %I', member, site);

            EXECUTE format('GRANT SELECT ON meta, schema_version, workspace_version, event_type, page, former_slug, one_time_link, booking, activity, staff TO %I', member);
            -- Bookings as a customer would make them through linkdesk book: the booking statement names
            -- manage_token and booking_request (the privilege is checked even for the zero rows it
            -- writes there for staff), and row-level security refuses any row a member would put in them.
            EXECUTE format('GRANT INSERT ON one_time_link, activity, former_slug, booking_request TO %I', member);
            EXECUTE format('GRANT INSERT (token_hash, booking_id) ON manage_token TO %I', member);
            EXECUTE format('GRANT INSERT (page_id, slug_used, team_member_id, event_type_id, starts_at, ends_at, status, customer_name, customer_email, details, link_kind, link_id, policy, created_at, reason) ON booking TO %I', member);
            EXECUTE format('GRANT UPDATE (name, slug, config) ON page TO %I', member);
            EXECUTE format('GRANT UPDATE (status, starts_at, ends_at, reason) ON booking TO %I', member);
            EXECUTE format('GRANT UPDATE (uses_left, revoked_at) ON one_time_link TO %I', member);

            EXECUTE format('GRANT SELECT (member_id, created_at), INSERT (member_id, token_hash, created_at), UPDATE (token_hash, created_at) ON calendar_token TO %I', member);

            EXECUTE format('GRANT SELECT ON meta, schema_version, workspace_version, event_type, page, former_slug, booking TO %I', site);
            EXECUTE format('GRANT SELECT (link_id, master_id, created_at, expires_at, uses_allowed, uses_left, revoked_at, invalidated_at, personalized_for, made_by) ON one_time_link TO %I', site);
            EXECUTE format('GRANT INSERT (page_id, slug_used, team_member_id, event_type_id, starts_at, ends_at, status, customer_name, customer_email, details, link_kind, link_id, policy, created_at, reason) ON booking TO %I', site);
            EXECUTE format('GRANT INSERT (token_hash, booking_id) ON manage_token TO %I', site);
            EXECUTE format('GRANT INSERT ON booking_request, activity TO %I', site);
            EXECUTE format('GRANT UPDATE (uses_left) ON one_time_link TO %I', site);
            EXECUTE format('GRANT UPDATE (status, starts_at, ends_at, reason) ON booking TO %I', site);

            EXECUTE format('CREATE POLICY administrator_all ON page TO %I USING (true) WITH CHECK (true)', administrator);
            EXECUTE format('CREATE POLICY read ON page FOR SELECT TO %I, %I USING (true)', member, site);
            EXECUTE format($$CREATE POLICY owner_changes ON page FOR UPDATE TO %I USING (true)
                             WITH CHECK (kind = 'booking' AND config->>'ownerLogin' = session_user)$$, member);

            EXECUTE format('CREATE POLICY administrator_all ON booking TO %I USING (true) WITH CHECK (true)', administrator);
            EXECUTE format('CREATE POLICY read ON booking FOR SELECT TO %I, %I USING (true)', member, site);
            EXECUTE format('CREATE POLICY book ON booking FOR INSERT TO %I, %I WITH CHECK (true)', member, site);
            EXECUTE format('CREATE POLICY owner_changes ON booking FOR UPDATE TO %I USING (true) WITH CHECK (linkdesk_owns(team_member_id))', member);
            EXECUTE format('CREATE POLICY token_changes ON booking FOR UPDATE TO %I USING (true) WITH CHECK (linkdesk_manages(id))', site);

            EXECUTE format('CREATE POLICY administrator_all ON one_time_link TO %I USING (true) WITH CHECK (true)', administrator);
            EXECUTE format('CREATE POLICY read ON one_time_link FOR SELECT TO %I, %I USING (true)', member, site);
            EXECUTE format('CREATE POLICY make ON one_time_link FOR INSERT TO %I WITH CHECK (made_by = session_user)', member);
            EXECUTE format('CREATE POLICY spend_or_revoke ON one_time_link FOR UPDATE TO %I, %I USING (true) WITH CHECK (true)', member, site);

            EXECUTE format('CREATE POLICY administrator_all ON activity TO %I USING (true) WITH CHECK (true)', administrator);
            EXECUTE format('CREATE POLICY read ON activity FOR SELECT TO %I USING (true)', member);
            EXECUTE format('CREATE POLICY record_as_staff ON activity FOR INSERT TO %I WITH CHECK (by_login = session_user OR (by_login IS NULL AND actor = ''customer''))', member);
            EXECUTE format($$CREATE POLICY record_for_customers ON activity FOR INSERT TO %I WITH CHECK (by_login IS NULL AND actor = 'customer')$$, site);

            EXECUTE format('CREATE POLICY administrator_all ON former_slug TO %I USING (true) WITH CHECK (true)', administrator);
            EXECUTE format('CREATE POLICY read ON former_slug FOR SELECT TO %I, %I USING (true)', member, site);
            EXECUTE format('CREATE POLICY owner_keeps ON former_slug FOR INSERT TO %I WITH CHECK (linkdesk_owns(page_id))', member);

            -- Tokens and request keys: the site's booking statement writes them; nobody else but an
            -- administrator (a member's row is refused: no policy lets it in).
            EXECUTE format('CREATE POLICY administrator_all ON manage_token TO %I USING (true) WITH CHECK (true)', administrator);
            EXECUTE format('CREATE POLICY site_books ON manage_token FOR INSERT TO %I WITH CHECK (true)', site);
            EXECUTE format('CREATE POLICY administrator_all ON booking_request TO %I USING (true) WITH CHECK (true)', administrator);
            EXECUTE format('CREATE POLICY site_books ON booking_request FOR INSERT TO %I WITH CHECK (true)', site);

            EXECUTE format('CREATE POLICY administrator_all ON calendar_token TO %I USING (true) WITH CHECK (true)', administrator);
            EXECUTE format('CREATE POLICY read ON calendar_token FOR SELECT TO %I USING (true)', member);
            EXECUTE format('CREATE POLICY owner_makes ON calendar_token FOR INSERT TO %I WITH CHECK (linkdesk_owns(member_id))', member);
            EXECUTE format('CREATE POLICY owner_changes ON calendar_token FOR UPDATE TO %I USING (true) WITH CHECK (linkdesk_owns(member_id))', member);

            -- The helpers are the groups' alone (PostgreSQL grants EXECUTE to PUBLIC by default);
            -- linkdesk_staff_status stays everyone's: it tells a login only about itself.
            FOREACH r IN ARRAY ARRAY['linkdesk_role(text)', 'linkdesk_is_administrator()', 'linkdesk_owns(bigint)',
                                     'linkdesk_one_time_link(text)', 'linkdesk_link_hash(text)', 'linkdesk_manage_token_booking(text)',
                                     'linkdesk_request_key_booking(text)', 'linkdesk_calendar_member(text)',
                                     'linkdesk_lock_slug(bigint, text)', 'linkdesk_manages(bigint)'] LOOP
                EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', r);
                EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO %I, %I, %I', r, administrator, member, site);
            END LOOP;
        END
        $roles$;
        """#
}
