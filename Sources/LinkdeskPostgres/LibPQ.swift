import CLibpq
import Foundation

/// libpq, loaded with `dlopen` when the first PostgreSQL connection opens (see
/// Sources/CLibpq/shim.h for why the binary does not link it). Each field is the libpq function
/// of the same name.
struct LibPQ: @unchecked Sendable {
    let PQclear: linkdesk_PQclear_fn
    let PQcmdTuples: linkdesk_PQcmdTuples_fn
    let PQconnectdbParams: linkdesk_PQconnectdbParams_fn
    let PQconsumeInput: linkdesk_PQconsumeInput_fn
    let PQdb: linkdesk_PQdb_fn
    let PQerrorMessage: linkdesk_PQerrorMessage_fn
    let PQexec: linkdesk_PQexec_fn
    let PQexecParams: linkdesk_PQexecParams_fn
    let PQfinish: linkdesk_PQfinish_fn
    let PQfname: linkdesk_PQfname_fn
    let PQfreemem: linkdesk_PQfreemem_fn
    let PQftype: linkdesk_PQftype_fn
    let PQgetisnull: linkdesk_PQgetisnull_fn
    let PQgetlength: linkdesk_PQgetlength_fn
    let PQgetvalue: linkdesk_PQgetvalue_fn
    let PQhost: linkdesk_PQhost_fn
    let PQnfields: linkdesk_PQnfields_fn
    let PQnotifies: linkdesk_PQnotifies_fn
    let PQntuples: linkdesk_PQntuples_fn
    let PQport: linkdesk_PQport_fn
    let PQresultErrorField: linkdesk_PQresultErrorField_fn
    let PQresultErrorMessage: linkdesk_PQresultErrorMessage_fn
    let PQresultStatus: linkdesk_PQresultStatus_fn
    let PQsocket: linkdesk_PQsocket_fn
    let PQstatus: linkdesk_PQstatus_fn
    let PQsendQuery: linkdesk_PQsendQuery_fn
    let PQsendQueryParams: linkdesk_PQsendQueryParams_fn
    let PQgetResult: linkdesk_PQgetResult_fn
    let PQisBusy: linkdesk_PQisBusy_fn
    let PQflush: linkdesk_PQflush_fn
    let PQsendPrepare: linkdesk_PQsendPrepare_fn
    let PQsendQueryPrepared: linkdesk_PQsendQueryPrepared_fn
    let PQsetNoticeProcessor: linkdesk_PQsetNoticeProcessor_fn

    /// libpq, or why it could not be loaded.
    static let loaded: Result<LibPQ, PostgresError> = load()

    private static func load() -> Result<LibPQ, PostgresError> {
        let names = ["libpq.so.5", "libpq.so", "libpq.5.dylib", "libpq.dylib"]
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(PostgresError(sqlState: nil, message: "PostgreSQL needs libpq (Debian: apt-get install libpq5): \(reason)",
                                          constraint: nil, connectionLost: true))
        }
        var missing: [String] = []
        func symbol<F>(_ name: String, _: F.Type) -> F? {
            guard let p = dlsym(handle, name) else { missing.append(name); return nil }
            return unsafeBitCast(p, to: F.self)
        }
        let PQclear = symbol("PQclear", linkdesk_PQclear_fn.self)
        let PQcmdTuples = symbol("PQcmdTuples", linkdesk_PQcmdTuples_fn.self)
        let PQconnectdbParams = symbol("PQconnectdbParams", linkdesk_PQconnectdbParams_fn.self)
        let PQconsumeInput = symbol("PQconsumeInput", linkdesk_PQconsumeInput_fn.self)
        let PQdb = symbol("PQdb", linkdesk_PQdb_fn.self)
        let PQerrorMessage = symbol("PQerrorMessage", linkdesk_PQerrorMessage_fn.self)
        let PQexec = symbol("PQexec", linkdesk_PQexec_fn.self)
        let PQexecParams = symbol("PQexecParams", linkdesk_PQexecParams_fn.self)
        let PQfinish = symbol("PQfinish", linkdesk_PQfinish_fn.self)
        let PQfname = symbol("PQfname", linkdesk_PQfname_fn.self)
        let PQfreemem = symbol("PQfreemem", linkdesk_PQfreemem_fn.self)
        let PQftype = symbol("PQftype", linkdesk_PQftype_fn.self)
        let PQgetisnull = symbol("PQgetisnull", linkdesk_PQgetisnull_fn.self)
        let PQgetlength = symbol("PQgetlength", linkdesk_PQgetlength_fn.self)
        let PQgetvalue = symbol("PQgetvalue", linkdesk_PQgetvalue_fn.self)
        let PQhost = symbol("PQhost", linkdesk_PQhost_fn.self)
        let PQnfields = symbol("PQnfields", linkdesk_PQnfields_fn.self)
        let PQnotifies = symbol("PQnotifies", linkdesk_PQnotifies_fn.self)
        let PQntuples = symbol("PQntuples", linkdesk_PQntuples_fn.self)
        let PQport = symbol("PQport", linkdesk_PQport_fn.self)
        let PQresultErrorField = symbol("PQresultErrorField", linkdesk_PQresultErrorField_fn.self)
        let PQresultErrorMessage = symbol("PQresultErrorMessage", linkdesk_PQresultErrorMessage_fn.self)
        let PQresultStatus = symbol("PQresultStatus", linkdesk_PQresultStatus_fn.self)
        let PQsocket = symbol("PQsocket", linkdesk_PQsocket_fn.self)
        let PQstatus = symbol("PQstatus", linkdesk_PQstatus_fn.self)
        let PQsendQuery = symbol("PQsendQuery", linkdesk_PQsendQuery_fn.self)
        let PQsendQueryParams = symbol("PQsendQueryParams", linkdesk_PQsendQueryParams_fn.self)
        let PQgetResult = symbol("PQgetResult", linkdesk_PQgetResult_fn.self)
        let PQisBusy = symbol("PQisBusy", linkdesk_PQisBusy_fn.self)
        let PQflush = symbol("PQflush", linkdesk_PQflush_fn.self)
        let PQsendPrepare = symbol("PQsendPrepare", linkdesk_PQsendPrepare_fn.self)
        let PQsendQueryPrepared = symbol("PQsendQueryPrepared", linkdesk_PQsendQueryPrepared_fn.self)
        let PQsetNoticeProcessor = symbol("PQsetNoticeProcessor", linkdesk_PQsetNoticeProcessor_fn.self)
        guard let PQclear, let PQcmdTuples, let PQconnectdbParams, let PQconsumeInput, let PQdb, let PQerrorMessage, let PQexec, let PQexecParams, let PQfinish, let PQfname, let PQfreemem, let PQftype, let PQgetisnull, let PQgetlength, let PQgetvalue, let PQhost, let PQnfields, let PQnotifies, let PQntuples, let PQport, let PQresultErrorField, let PQresultErrorMessage, let PQresultStatus, let PQsocket, let PQstatus, let PQsendQuery, let PQsendQueryParams, let PQgetResult, let PQisBusy, let PQflush, let PQsendPrepare, let PQsendQueryPrepared, let PQsetNoticeProcessor else {
            return .failure(PostgresError(sqlState: nil, message: "this libpq lacks \(missing.joined(separator: ", "))",
                                          constraint: nil, connectionLost: true))
        }
        return .success(LibPQ(PQclear: PQclear, PQcmdTuples: PQcmdTuples, PQconnectdbParams: PQconnectdbParams, PQconsumeInput: PQconsumeInput, PQdb: PQdb, PQerrorMessage: PQerrorMessage, PQexec: PQexec, PQexecParams: PQexecParams, PQfinish: PQfinish, PQfname: PQfname, PQfreemem: PQfreemem, PQftype: PQftype, PQgetisnull: PQgetisnull, PQgetlength: PQgetlength, PQgetvalue: PQgetvalue, PQhost: PQhost, PQnfields: PQnfields, PQnotifies: PQnotifies, PQntuples: PQntuples, PQport: PQport, PQresultErrorField: PQresultErrorField, PQresultErrorMessage: PQresultErrorMessage, PQresultStatus: PQresultStatus, PQsocket: PQsocket, PQstatus: PQstatus, PQsendQuery: PQsendQuery, PQsendQueryParams: PQsendQueryParams, PQgetResult: PQgetResult, PQisBusy: PQisBusy, PQflush: PQflush, PQsendPrepare: PQsendPrepare, PQsendQueryPrepared: PQsendQueryPrepared, PQsetNoticeProcessor: PQsetNoticeProcessor))
    }
}

/// The loaded libpq. Only reached once a `PGConnection` exists, which needed it loaded.
var pq: LibPQ {
    switch LibPQ.loaded {
    case .success(let api): return api
    case .failure(let error): preconditionFailure("libpq used before it loaded: \(error)")
    }
}
