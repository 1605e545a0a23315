import { SvgIcon, SvgIconProps } from '@material-ui/core';

/** meshifi's mark: data products (nodes) joined into a mesh. */
export function MeshifiIcon(props: SvgIconProps) {
  return (
    <SvgIcon {...props} viewBox="0 0 24 24">
      <path
        fill="none"
        stroke="currentColor"
        strokeWidth={1.6}
        strokeLinecap="round"
        d="M5 6 19 6 12 19Z M5 6 12 11.5 19 6 M12 11.5 12 19"
      />
      <circle cx="5" cy="6" r="2.6" />
      <circle cx="19" cy="6" r="2.6" />
      <circle cx="12" cy="19" r="2.6" />
      <circle cx="12" cy="11.5" r="2" />
    </SvgIcon>
  );
}
