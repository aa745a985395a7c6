-- The catalog: every cx aggregate has a combine function and an inverse transition function, a
-- state type that is not internal, and is parallel safe; every function is labelled parallel
-- safe and every object carries a comment.
SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args,
       a.aggcombinefn = 0 AS no_combine, a.aggminvtransfn = 0 AS no_inverse,
       a.aggtranstype = 'internal'::regtype AS internal_state, p.proparallel <> 's' AS not_safe
FROM pg_aggregate a
JOIN pg_proc p ON p.oid = a.aggfnoid
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cx'
WHERE a.aggcombinefn = 0 OR a.aggminvtransfn = 0 OR a.aggtranstype = 'internal'::regtype
   OR p.proparallel <> 's'
ORDER BY 1, 2;

-- Functions not labelled parallel safe, or left volatile. The one expected here is
-- cohort_retention(): it runs the analyst's query text, which may read temporary tables that
-- parallel workers cannot see, so it is parallel restricted.
SELECT p.proname, pg_get_function_identity_arguments(p.oid) AS args, p.proparallel,
       p.provolatile
FROM pg_proc p
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cx'
WHERE p.proparallel <> 's' OR p.provolatile = 'v'
ORDER BY 1, 2;

-- Objects of the extension without a comment.
SELECT pg_describe_object(d.classid, d.objid, d.objsubid) AS uncommented
FROM pg_depend d
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cx'
WHERE d.deptype = 'e' AND obj_description(d.objid, d.classid::regclass::name) IS NULL
ORDER BY 1;

-- How many aggregates the extension has, by name.
SELECT p.proname, count(*)
FROM pg_aggregate a
JOIN pg_proc p ON p.oid = a.aggfnoid
JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'cx'
GROUP BY p.proname ORDER BY 1;
