import LinkdeskTerminal

/// Where things go. Rows are fixed whether Personalize is on or off, so the dialog doesn't jump
/// while the user toggles (and golden screens stay comparable).
struct ShareLayout {
    static let minimum = ScreenSize(width: 60, height: 22)

    let box: Rect
    var left: Int { box.x + 2 }
    var inner: Int { box.width - 4 }
    var pageLabel: Int { box.y + 2 }
    var pageField: Int { box.y + 3 }
    var personalize: Int { box.y + 5 }
    var oneTime: Int { box.y + 6 }
    var reason: Int { box.y + 7 }
    var fieldLabels: Int { box.y + 9 }
    var fields: Int { box.y + 10 }
    var emailProblem: Int { box.y + 11 }
    var showForm: Int { box.y + 12 }
    var url: Int { box.y + 14 }
    static let urlRows = 3
    var message: Int { box.y + 17 }
    var buttons: Int { box.y + 18 }
    var columnWidth: Int { (inner - 2) / 2 }

    init(screen: ScreenSize) {
        let width = min(76, screen.width - 2)
        box = Rect(x: (screen.width - width) / 2, y: max(0, (screen.height - 1 - 20) / 2), width: width, height: 20)
    }
}
