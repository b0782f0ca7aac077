import Link from "next/link";

export type Crumb = { label: string; href: string };

type BladeHeaderProps = { crumbs: Crumb[]; title: string; subtitle?: string };

/** The Azure blade heading: breadcrumb trail, title, and a grey resource-type line. */
export const BladeHeader = ({ crumbs, title, subtitle }: BladeHeaderProps) => (
  <div>
    <nav aria-label="Breadcrumb" className="breadcrumb">
      {crumbs.map((crumb, index) => (
        <span key={`${index}-${crumb.href}`}>
          {index > 0 && " > "}
          <Link href={crumb.href}>{crumb.label}</Link>
        </span>
      ))}
    </nav>
    <h1 className="blade-title">{title}</h1>
    {subtitle && <p className="blade-subtitle">{subtitle}</p>}
  </div>
);
