import Foundation

/// Small, dependency-free SVG charts for the report.
enum SVGChart {
    /// A colour per series, distinguishable for nine policies.
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#7f7f7f"]

    /// A line chart of several series over the same x positions, with a legend.
    static func lines(id: String, title: String, xLabel: String, yLabel: String,
                      series: [(name: String, values: [Double])], xMaximum: Double? = nil) -> String {
        let width = 720.0, height = 300.0, left = 70.0, right = 170.0, top = 30.0, bottom = 40.0
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        let all = series.flatMap(\.values)
        var low = all.min() ?? 0
        var high = all.max() ?? 1
        if high == low { high += 1; low -= 1 }
        func x(_ index: Int, of total: Int) -> Double { left + plotWidth * Double(index) / Double(max(total - 1, 1)) }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - low) / (high - low)) }
        var svg = """
            <svg id="\(id)" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" role="img" aria-label="\(title)">
            <text x="\(left)" y="18" class="title">\(title)</text>
            <line x1="\(left)" y1="\(top + plotHeight)" x2="\(left + plotWidth)" y2="\(top + plotHeight)" class="axis"/>
            <line x1="\(left)" y1="\(top)" x2="\(left)" y2="\(top + plotHeight)" class="axis"/>
            <text x="\(left - 6)" y="\(y(high) + 4)" class="tick" text-anchor="end">\(label(high))</text>
            <text x="\(left - 6)" y="\(y(low) + 4)" class="tick" text-anchor="end">\(label(low))</text>
            <text x="\(left + plotWidth / 2)" y="\(height - 8)" class="tick" text-anchor="middle">\(xLabel)</text>
            <text x="\(left + plotWidth)" y="\(top + plotHeight + 16)" class="tick" text-anchor="end">\(xMaximum.map(label) ?? "")</text>
            <text x="14" y="\(top + plotHeight / 2)" class="tick" transform="rotate(-90 14 \(top + plotHeight / 2))" text-anchor="middle">\(yLabel)</text>

            """
        for (index, line) in series.enumerated() {
            let reference = referenceSeries.contains(line.name)
            let colour = reference ? "#999999" : palette[(index - (referenceCount(series))) % palette.count]
            let stride = max(1, line.values.count / 600)
            let points = Swift.stride(from: 0, to: line.values.count, by: stride).map {
                String(format: "%.1f,%.1f", x($0, of: line.values.count), y(line.values[$0]))
            }.joined(separator: " ")
            let dash = reference ? " stroke-dasharray=\"4 3\"" : ""
            svg += "<polyline fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.6\"\(dash) points=\"\(points)\"><title>\(escape(line.name))</title></polyline>\n"
            let legendY = top + 14 * Double(index)
            svg += "<rect x=\"\(left + plotWidth + 14)\" y=\"\(legendY)\" width=\"10\" height=\"10\" fill=\"\(colour)\"/>"
            svg += "<text x=\"\(left + plotWidth + 28)\" y=\"\(legendY + 9)\" class=\"legend\">\(escape(line.name))</text>\n"
        }
        return svg + "</svg>\n"
    }

    /// Series drawn as grey dashed references rather than data (the Lorenz curve's diagonal).
    static let referenceSeries: Set<String> = ["equal"]

    private static func referenceCount(_ series: [(name: String, values: [Double])]) -> Int {
        series.count { referenceSeries.contains($0.name) }
    }

    /// A number short enough for an axis.
    static func label(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1_000_000 { return String(format: "%.2fM", value / 1_000_000) }
        if magnitude >= 10_000 { return String(format: "%.1fk", value / 1_000) }
        if magnitude >= 100 { return String(format: "%.0f", value) }
        return String(format: "%.3g", value)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
