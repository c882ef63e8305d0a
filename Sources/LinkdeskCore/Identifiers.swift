/// Row identity of pages, event types and bookings. A plain integer keeps the store simple;
/// the typealias documents intent at call sites.
public typealias PageID = Int64
public typealias EventTypeID = Int64
public typealias BookingID = Int64
