import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 28,
  },
});

/** meshifi's mark: data products (nodes) joined into a mesh. */
export const MeshifiMark = (props: { x?: number; y?: number }) => (
  <g transform={`translate(${props.x ?? 0} ${props.y ?? 0})`}>
    <path
      fill="none"
      stroke="#7df3e1"
      strokeWidth={1.6}
      strokeLinecap="round"
      d="M5 6 19 6 12 19Z M5 6 12 11.5 19 6 M12 11.5 12 19"
    />
    <g fill="#7df3e1">
      <circle cx="5" cy="6" r="2.6" />
      <circle cx="19" cy="6" r="2.6" />
      <circle cx="12" cy="19" r="2.6" />
      <circle cx="12" cy="11.5" r="2" />
    </g>
  </g>
);

export const LogoIcon = () => {
  const classes = useStyles();

  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 24 24"
      role="img"
      aria-label="meshifi"
    >
      <MeshifiMark />
    </svg>
  );
};
